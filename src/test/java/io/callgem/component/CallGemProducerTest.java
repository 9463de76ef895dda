package io.callgem.component;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.callgem.protocol.EndEnumeration;
import io.callgem.protocol.EnumerateOutcomes;
import io.callgem.protocol.EnumerationFinished;
import io.callgem.protocol.ErrorReply;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The producer sends raw or typed SDMP commands on its own connection and returns EF/ER replies. */
class CallGemProducerTest {

    @RegisterExtension
    final CallGemTestPeer peer = new CallGemTestPeer();

    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void stringEeRoundTripReturnsEf() {
        Exchange reply = template.request(peer.uri(""), e -> e.getIn().setBody("EE\\TXabc"));
        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getBody()).isEqualTo(new EnumerationFinished("abc"));
        assertThat(reply.getMessage().getHeader(CallGemConstants.RAW)).isEqualTo("EF\\TXabc");
        assertThat(reply.getMessage().getHeader(CallGemConstants.TRANSACTION_ID)).isEqualTo("abc");
        assertThat(new String(peer.latest().bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("EE\\TXabc\0");
    }

    @Test
    void typedRequestsAndErReply() {
        peer.respondWith(f -> f.startsWith("EE\\TXbad")
                ? List.of("ER\\TXbad\\EC805\\FM\"no such enumeration\"")
                : CallGemTestPeer.defaultResponder(f));
        Object body = template.requestBody(peer.uri(""), new EndEnumeration("bad", "Acme"));
        assertThat(body).isEqualTo(new ErrorReply("bad", 805, "no such enumeration"));
        assertThat(peer.latest().frames()).containsExactly("EE\\TXbad\\TDAcme");

        // EO expects no reply: sent on the same connection, body unchanged
        EnumerateOutcomes eo = new EnumerateOutcomes("t1", "Sales1", null, true, false, null, null);
        Object same = template.requestBody(peer.uri(""), eo);
        assertThat(same).isEqualTo(eo);
        await().until(() -> peer.latest().frames().size() == 2);
        assertThat(peer.latest().frames().get(1)).isEqualTo("EO\\TXt1\\CNSales1\\FO");
        assertThat(peer.connections()).hasSize(1);
    }

    @Test
    void noReplyTimesOut() {
        peer.respondWith(f -> List.of());
        assertThatThrownBy(() -> template.requestBody(peer.uri("requestTimeout=200"), "EE\\TXlost"))
                .isInstanceOf(CamelExecutionException.class)
                .hasCauseInstanceOf(ExchangeTimedOutException.class);
        // a later request on the same producer still works
        peer.respondWith(CallGemTestPeer::defaultResponder);
        assertThat(template.requestBody(peer.uri("requestTimeout=200"), "EE\\TXnext"))
                .isEqualTo(new EnumerationFinished("next"));
    }

    @Test
    void reconnectsWhenTheServerDroppedTheConnection() {
        template.requestBody(peer.uri(""), "EE\\TXa");
        peer.dropConnections();
        await().until(() -> !peer.latest().isOpen());
        assertThat(template.requestBody(peer.uri(""), "EE\\TXb")).isEqualTo(new EnumerationFinished("b"));
        assertThat(peer.connections()).hasSize(2);
    }

    @Test
    void malformedCommandIsRejectedBeforeSending() {
        assertThatThrownBy(() -> template.requestBody(peer.uri(""), "not sdmp"))
                .hasCauseInstanceOf(CallGemMalformedFrameException.class);
    }

    @Test
    void refusedConnectionFailsTheExchange() {
        peer.refuse();
        assertThatThrownBy(() -> template.requestBody(peer.uri("connectTimeout=500"), "EE\\TXx"))
                .hasCauseInstanceOf(java.net.ConnectException.class);
    }
}
