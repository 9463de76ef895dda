package io.callgem.component;

import java.util.Map;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The callgem: component: receives Softdial CallGem outcome (OZ) feeds and sends SDMP commands.
 */
@Component("callgem")
public class CallGemComponent extends DefaultComponent {

    @Metadata(label = "advanced", description = "Default options of the endpoints; each endpoint works on a copy.")
    private CallGemConfiguration configuration = new CallGemConfiguration();

    @Metadata(label = "health", defaultValue = "true",
              description = "Register a readiness health check for each consumer: DOWN while it is not connected and"
                            + " subscribed.")
    private boolean healthCheckConsumerEnabled = true;

    private EventLoopGroup eventLoopGroup;

    public CallGemComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        HostAndPort address = HostAndPort.parse(remaining);
        CallGemEndpoint endpoint = new CallGemEndpoint(uri, this, configuration.copy());
        endpoint.setHost(address.host());
        endpoint.setPort(address.port());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** One small event loop shared by the component's connections; created on first use. */
    synchronized EventLoopGroup eventLoopGroup() {
        if (eventLoopGroup == null) {
            eventLoopGroup = new NioEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
                    new DefaultThreadFactory("callgem-io", true));
        }
        return eventLoopGroup;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        super.doStop();
        if (eventLoopGroup != null) {
            eventLoopGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
            eventLoopGroup = null;
        }
    }

    public CallGemConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(CallGemConfiguration configuration) {
        this.configuration = configuration;
    }

    public boolean isHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    /** host:port, with [v6] brackets allowed. */
    record HostAndPort(String host, int port) {
        static HostAndPort parse(String remaining) {
            String text = remaining == null ? "" : remaining.trim();
            int q = text.indexOf('?');
            if (q >= 0) {
                text = text.substring(0, q);
            }
            if (text.startsWith("//")) {
                text = text.substring(2);
            }
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("callgem: URI must be callgem:host:port, got: " + remaining);
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("callgem: port is not a number in: " + remaining, e);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("callgem: port out of range in: " + remaining);
            }
            return new HostAndPort(host, port);
        }
    }
}
