package io.callgem.component;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.callgem.protocol.Outcome;
import io.callgem.protocol.SdmpMessage;
import io.callgem.simulator.CallGemSimulator;
import io.callgem.simulator.SimulatorSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The component against the in-JVM CallGem simulator: subscribe, receive generated outcomes, lose the connection,
 * get the outcomes generated meanwhile replayed under the same persist token, end with EE/EF.
 */
class CallGemSimulatorEndToEndTest {

    private CallGemSimulator simulator;
    private CamelContext context;
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        simulator = CallGemSimulator.start(SimulatorSettings.forTests().withCampaigns(List.of("Sales1", "Sales2")));
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("callgem:127.0.0.1:" + simulator.port()
                     + "?campaigns=Sales1,Sales2&persistToken=e2e&reconnectDelay=50&maxReconnectDelay=200")
                        .routeId("feed")
                        .process(e -> outcomes.add(e.getMessage().getBody(Outcome.class)));
            }
        });
        context.start();
        simulator.awaitSubscriptions(2, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void outcomesFlowSurviveADisconnectAndEndCleanly() throws Exception {
        List<Outcome> first = simulator.generate(20);
        await().until(() -> outcomes.size() == first.size());
        assertThat(outcomes).allMatch(Outcome::valid);
        assertThat(outcomes).extracting(Outcome::sessionId)
                .containsExactlyElementsOf(first.stream().map(Outcome::sessionId).toList());

        simulator.disconnectClients();
        await().until(() -> consumer().state() != CallGemConsumer.State.SUBSCRIBED
                            || consumer().getReconnects() > 0);
        // generated while we may be away: kept for the persist token, or delivered live
        simulator.generate(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer().getReconnects() == 1
                                                           && consumer().isReady());
        await().until(() -> outcomes.stream().map(Outcome::sessionId).distinct().count() == 30);

        List<SdmpMessage> eos = simulator.received("EO");
        assertThat(eos).hasSize(4).allMatch(m -> "e2e".equals(m.get("PS")));
        Set<String> txs = eos.stream().map(m -> m.get("TX")).collect(Collectors.toSet());
        assertThat(txs).hasSize(4);

        context.getRouteController().stopRoute("feed", 10, java.util.concurrent.TimeUnit.SECONDS);
        List<SdmpMessage> ees = simulator.received("EE");
        assertThat(ees).extracting(m -> m.get("TX"))
                .containsExactly(eos.get(2).get("TX"), eos.get(3).get("TX"));
        assertThat(consumer().subscriptions()).extracting(CallGemSubscription::status).containsOnly("ENDED");
    }

    private CallGemConsumer consumer() {
        return (CallGemConsumer) context.getRoute("feed").getConsumer();
    }
}
