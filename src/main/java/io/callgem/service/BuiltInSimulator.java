package io.callgem.service;

import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.callgem.protocol.CallGemCharset;
import io.callgem.simulator.CallGemSimulator;
import io.callgem.simulator.SimulatorSettings;
import org.apache.camel.spi.CamelEvent.CamelContextStartingEvent;
import org.apache.camel.spi.CamelEvent.CamelContextStoppedEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The demo source: with {@code callgem.simulator.enabled=true} (the default) a CallGem
 * simulator listens on {@code callgem.port} (loopback) before the routes start, so the service
 * shows outcomes flowing with nothing installed. It stops after the routes, so the consumer's
 * EE still reaches it on shutdown.
 */
@ApplicationScoped
public class BuiltInSimulator {

    private static final Logger LOG = Logger.getLogger(BuiltInSimulator.class);

    @ConfigProperty(name = "callgem.simulator.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "callgem.port")
    int port;

    @ConfigProperty(name = "callgem.charset")
    String charset;

    @ConfigProperty(name = "callgem.ole-zone")
    ZoneId oleZone;

    @ConfigProperty(name = "callgem.campaigns")
    List<String> campaigns;

    @ConfigProperty(name = "callgem.simulator.tenants", defaultValue = "acme,globex,initech")
    List<String> tenants;

    /** Outcomes per second; 0 = as fast as the service reads them. */
    @ConfigProperty(name = "callgem.simulator.rate", defaultValue = "10")
    double rate;

    /** How many outcomes to generate; -1 = without end, 0 = only what tests send. */
    @ConfigProperty(name = "callgem.simulator.count", defaultValue = "-1")
    long count;

    private volatile CallGemSimulator simulator;

    void onCamelStarting(@Observes CamelContextStartingEvent event) {
        if (!enabled || simulator != null) {
            return;
        }
        SimulatorSettings settings = SimulatorSettings.defaults()
                .withHost("127.0.0.1")
                .withPort(port)
                .withCharset(CallGemCharset.of(charset))
                .withOleZone(oleZone)
                .withCampaigns(campaigns)
                .withTenants(tenants)
                .withRatePerSecond(rate)
                .withCount(count);
        simulator = CallGemSimulator.start(settings);
        LOG.infof("Built-in CallGem simulator listening on 127.0.0.1:%d (%s), %s outcomes/s; "
                + "set callgem.simulator.enabled=false for a real CallGem", port, charset, rate == 0 ? "max" : rate);
    }

    void onCamelStopped(@Observes CamelContextStoppedEvent event) {
        CallGemSimulator running = simulator;
        if (running != null) {
            simulator = null;
            running.stop();
        }
    }

    /** The running simulator, or {@code null} when it is disabled. */
    public CallGemSimulator simulator() {
        return simulator;
    }
}
