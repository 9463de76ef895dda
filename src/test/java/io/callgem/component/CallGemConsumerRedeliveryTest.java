package io.callgem.component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a redelivering dead letter channel (as the service's routes use), a malformed frame must still end in the dead
 * letter and never reach the route's steps as if it were an outcome.
 */
class CallGemConsumerRedeliveryTest {

    @RegisterExtension
    final CallGemTestPeer peer = new CallGemTestPeer();

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void malformedFrameIsNotRedeliveredIntoTheRoute() throws Exception {
        List<Object> steps = new CopyOnWriteArrayList<>();
        List<Exchange> dead = new CopyOnWriteArrayList<>();
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("direct:dead").maximumRedeliveries(3).redeliveryDelay(10));
                from("direct:dead").process(dead::add);
                from(peer.uri("campaigns=Sales1")).routeId("feed")
                        .setProperty("sink", constant("parse"))
                        .process(e -> steps.add(e.getMessage().getBody()));
            }
        });
        context.start();
        String tx = CallGemConsumerSubscribeTest.tx(peer.nextFrame());
        peer.send("garbage");
        peer.send("OZ\\TX" + tx + "\\CNSales1\\GA1\\SI1\\RE1\\TS46000");
        await().until(() -> dead.size() == 1 && steps.size() == 1);
        assertThat(dead.get(0).getProperty(Exchange.EXCEPTION_CAUGHT))
                .isInstanceOf(CallGemMalformedFrameException.class);
        assertThat(steps.get(0)).isInstanceOf(io.callgem.protocol.Outcome.class);
    }

    @Test
    void strictInvalidOutcomeGoesStraightToTheDeadLetter() throws Exception {
        List<Object> steps = new CopyOnWriteArrayList<>();
        List<Exchange> dead = new CopyOnWriteArrayList<>();
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("direct:dead").maximumRedeliveries(3).redeliveryDelay(10));
                from("direct:dead").process(dead::add);
                from(peer.uri("campaigns=Sales1&strict=true")).routeId("feed")
                        .process(e -> steps.add(e.getMessage().getBody()));
            }
        });
        context.start();
        String tx = CallGemConsumerSubscribeTest.tx(peer.nextFrame());
        peer.send("OZ\\TX" + tx + "\\CNSales1\\SI1");
        peer.send("OZ\\TX" + tx + "\\CNSales1\\GA1\\SI2\\RE1\\TS46000");
        await().until(() -> dead.size() == 1 && steps.size() == 1);
        assertThat(dead.get(0).getProperty(Exchange.EXCEPTION_CAUGHT))
                .isInstanceOf(CallGemInvalidOutcomeException.class);
        assertThat(dead.get(0).getMessage().getBody(io.callgem.protocol.Outcome.class).sessionId()).isEqualTo("1");
        assertThat(dead.get(0).getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class)).isZero();
        assertThat(((io.callgem.protocol.Outcome) steps.get(0)).sessionId()).isEqualTo("2");
    }
}
