package io.callgem.component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.callgem.protocol.Outcome;
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
 * Bad input never drops the connection: malformed, too long and (strict) invalid messages reach the route's error
 * handler as exchanges carrying a typed exception, and a failing route does not break the feed.
 */
class CallGemConsumerErrorFlowTest {

    @RegisterExtension
    final CallGemTestPeer peer = new CallGemTestPeer();

    private CamelContext context;
    private final List<Exchange> good = new CopyOnWriteArrayList<>();
    private final List<Exchange> dead = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private String start(String options) throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("direct:dead"));
                from("direct:dead").process(dead::add);
                from(peer.uri(options)).routeId("feed")
                        .process(e -> {
                            if ("boom".equals(e.getMessage().getHeader(CallGemConstants.SESSION_ID))) {
                                throw new IllegalStateException("route failure");
                            }
                        })
                        .process(good::add);
            }
        });
        context.start();
        return CallGemConsumerSubscribeTest.tx(peer.nextFrame());
    }

    private static String oz(String tx, String sessionId) {
        return "OZ\\TX" + tx + "\\CNSales1\\GA1\\SI" + sessionId + "\\RE1\\TS46000";
    }

    @Test
    void malformedFrameGoesToTheDeadLetterWithRawTextAndTheConnectionSurvives() throws Exception {
        String tx = start("campaigns=Sales1");
        peer.send("this is not SDMP");
        peer.send(oz(tx, "after"));

        await().until(() -> dead.size() == 1 && good.size() == 1);
        Exchange d = dead.get(0);
        Throwable cause = d.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        assertThat(cause).isInstanceOf(CallGemMalformedFrameException.class);
        assertThat(((CallGemMalformedFrameException) cause).getRaw()).isEqualTo("this is not SDMP");
        assertThat(d.getMessage().getBody(String.class)).isEqualTo("this is not SDMP");
        assertThat(d.getMessage().getHeader(CallGemConstants.VALID)).isEqualTo(false);
        assertThat(d.getMessage().getHeader(CallGemConstants.RAW)).isEqualTo("this is not SDMP");
        assertThat(good.get(0).getMessage().getHeader(CallGemConstants.SESSION_ID)).isEqualTo("after");
        assertThat(peer.connections()).hasSize(1);
        assertThat(peer.latest().isOpen()).isTrue();
        assertThat(consumer().getMalformedFrames()).isEqualTo(1);
    }

    @Test
    void tooLongFrameGoesToTheDeadLetterWithItsHead() throws Exception {
        String tx = start("campaigns=Sales1&maxFrameLength=1000");
        String big = oz(tx, "big") + "\\DT" + "x".repeat(5000);
        peer.send(big);
        peer.send(oz(tx, "after"));

        await().until(() -> dead.size() == 1 && good.size() == 1);
        Exchange d = dead.get(0);
        Throwable cause = d.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        assertThat(cause).isInstanceOf(CallGemFrameTooLongException.class);
        assertThat(((CallGemFrameTooLongException) cause).getLength()).isGreaterThan(1000);
        String body = d.getMessage().getBody(String.class);
        assertThat(body).startsWith("OZ\\TX" + tx);
        assertThat(big).startsWith(body);
        assertThat(d.getMessage().getHeader(CallGemConstants.VALID)).isEqualTo(false);
        assertThat(good.get(0).getMessage().getHeader(CallGemConstants.SESSION_ID)).isEqualTo("after");
        assertThat(peer.connections()).hasSize(1);
        assertThat(consumer().getTooLongFrames()).isEqualTo(1);
    }

    @Test
    void strictInvalidOutcomeGoesToTheDeadLetterWithTheOutcome() throws Exception {
        String tx = start("campaigns=Sales1&strict=true");
        String invalid = "OZ\\TX" + tx + "\\CNSales1\\SI1\\RE10"; // no GA, no TS
        peer.send(invalid);
        peer.send(oz(tx, "after"));

        await().until(() -> dead.size() == 1 && good.size() == 1);
        Exchange d = dead.get(0);
        Throwable cause = d.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        assertThat(cause).isInstanceOf(CallGemInvalidOutcomeException.class);
        assertThat(((CallGemInvalidOutcomeException) cause).getProblems()).anyMatch(p -> p.contains("GA"));
        Outcome o = d.getMessage().getBody(Outcome.class);
        assertThat(o.sessionId()).isEqualTo("1");
        assertThat(o.valid()).isFalse();
        assertThat(d.getMessage().getHeader(CallGemConstants.VALID)).isEqualTo(false);
        assertThat(d.getMessage().getHeader(CallGemConstants.RAW)).isEqualTo(invalid);
        assertThat(good.get(0).getMessage().getHeader(CallGemConstants.VALID)).isEqualTo(true);
        assertThat(peer.connections()).hasSize(1);
    }

    @Test
    void onExceptionCanBranchOnTheTypedException() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(CallGemMalformedFrameException.class).handled(true)
                        .process(e -> handled.add(e.getMessage().getHeader(CallGemConstants.RAW, String.class)));
                from(peer.uri("campaigns=Sales1")).routeId("feed").process(good::add);
            }
        });
        context.start();
        String tx = CallGemConsumerSubscribeTest.tx(peer.nextFrame());
        peer.send("garbage");
        peer.send(oz(tx, "ok"));
        await().until(() -> handled.size() == 1 && good.size() == 1);
        assertThat(handled).containsExactly("garbage");
    }

    @Test
    void aFailingRouteDoesNotDropTheConnection() throws Exception {
        String tx = start("campaigns=Sales1");
        peer.send(oz(tx, "boom"));
        peer.send(oz(tx, "fine"));

        await().until(() -> dead.size() == 1 && good.size() == 1);
        assertThat(dead.get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                .isInstanceOf(IllegalStateException.class);
        assertThat(good.get(0).getMessage().getHeader(CallGemConstants.SESSION_ID)).isEqualTo("fine");
        assertThat(peer.connections()).hasSize(1);
        assertThat(peer.latest().isOpen()).isTrue();
    }

    @Test
    void unhandledRouteFailureWithoutErrorHandlerKeepsTheFeed() throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(peer.uri("campaigns=Sales1")).routeId("feed")
                        .process(e -> {
                            if ("boom".equals(e.getMessage().getHeader(CallGemConstants.SESSION_ID))) {
                                throw new IllegalStateException("route failure");
                            }
                        })
                        .process(good::add);
            }
        });
        context.start();
        String tx = CallGemConsumerSubscribeTest.tx(peer.nextFrame());
        peer.send(oz(tx, "boom"));
        peer.send("garbage");
        peer.send(oz(tx, "fine"));
        await().until(() -> good.size() == 1);
        assertThat(good.get(0).getMessage().getHeader(CallGemConstants.SESSION_ID)).isEqualTo("fine");
        assertThat(peer.connections()).hasSize(1);
        assertThat(peer.latest().isOpen()).isTrue();
    }

    private CallGemConsumer consumer() {
        return (CallGemConsumer) context.getRoute("feed").getConsumer();
    }
}
