package io.callgem.component;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import io.callgem.protocol.CallGemCharset;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** On connect the consumer sends one EO per subscription, with the options it was given, byte for byte. */
class CallGemConsumerSubscribeTest {

    private static final String TX = "(t[0-9a-z]{6}-[0-9a-z]+)";

    @RegisterExtension
    final CallGemTestPeer peer = new CallGemTestPeer();

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private void start(String uri) throws Exception {
        start(uri, new Properties());
    }

    private void start(String uri, Properties props) throws Exception {
        context = new DefaultCamelContext();
        // override: the classpath application.properties is visible through MicroProfile Config
        context.getPropertiesComponent().setOverrideProperties(props);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("feed").to("log:x?level=OFF");
            }
        });
        context.start();
    }

    @Test
    void oneEoPerCampaignWithUniqueTransactionIds() throws Exception {
        start(peer.uri("campaigns=Sales1, Sales2&transactionIdPrefix=t"));
        List<String> eos = peer.nextFrames(2);
        assertThat(eos.get(0)).matches("EO\\\\TX" + TX + "\\\\CNSales1\\\\FO\\\\SO");
        assertThat(eos.get(1)).matches("EO\\\\TX" + TX + "\\\\CNSales2\\\\FO\\\\SO");
        assertThat(tx(eos.get(0))).isNotEqualTo(tx(eos.get(1)));
        // exactly these bytes crossed the socket, each message ended by NUL
        String wire = new String(peer.latest().bytes(), StandardCharsets.ISO_8859_1);
        assertThat(wire).isEqualTo(eos.get(0) + "\0" + eos.get(1) + "\0");
        await().until(() -> consumer().state() == CallGemConsumer.State.SUBSCRIBED);
    }

    @Test
    void flagsRateAndPersistToken() throws Exception {
        start(peer.uri("campaigns=Sales1&failures=true&successes=false&rate=5&persistToken=tok1&transactionIdPrefix=t"));
        assertThat(peer.nextFrame()).matches("EO\\\\TX" + TX + "\\\\CNSales1\\\\FO\\\\CS5\\\\PStok1");
    }

    @Test
    void tenantsWithoutCampaignsGiveOneEoPerTenant() throws Exception {
        start(peer.uri("tenants=Acme,Globex&successes=true&failures=false&transactionIdPrefix=t"));
        List<String> eos = peer.nextFrames(2);
        assertThat(eos.get(0)).matches("EO\\\\TX" + TX + "\\\\TDAcme\\\\SO");
        assertThat(eos.get(1)).matches("EO\\\\TX" + TX + "\\\\TDGlobex\\\\SO");
    }

    @Test
    void campaignsAndTenantsGiveOneEoPerPair() throws Exception {
        start(peer.uri("campaigns=S1,S2&tenants=A,B&transactionIdPrefix=t"));
        List<String> eos = peer.nextFrames(4);
        assertThat(eos).map(f -> f.replaceAll("TX[^\\\\]+", "TX*")).containsExactly(
                "EO\\TX*\\CNS1\\TDA\\FO\\SO", "EO\\TX*\\CNS1\\TDB\\FO\\SO",
                "EO\\TX*\\CNS2\\TDA\\FO\\SO", "EO\\TX*\\CNS2\\TDB\\FO\\SO");
        assertThat(eos.stream().map(CallGemConsumerSubscribeTest::tx).distinct()).hasSize(4);
    }

    @Test
    void propertyPlaceholdersInTheUri() throws Exception {
        Properties props = new Properties();
        props.setProperty("callgem.host", "127.0.0.1");
        props.setProperty("callgem.port", "" + peer.port());
        props.setProperty("callgem.campaigns", "Sales9");
        start("callgem:{{callgem.host}}:{{callgem.port}}?campaigns={{callgem.campaigns}}&transactionIdPrefix=t", props);
        assertThat(peer.nextFrame()).matches("EO\\\\TX" + TX + "\\\\CNSales9\\\\FO\\\\SO");
    }

    @Test
    void crlfTerminatorWhenConfigured() throws Exception {
        start(peer.uri("campaigns=Sales1&terminator=CRLF&shutdownTimeout=300&transactionIdPrefix=t"));
        await().until(() -> !peer.connections().isEmpty() && peer.latest().bytes().length > 0
                            && new String(peer.latest().bytes(), StandardCharsets.ISO_8859_1).endsWith("\r\n"));
        assertThat(new String(peer.latest().bytes(), StandardCharsets.ISO_8859_1))
                .matches("EO\\\\TX" + TX + "\\\\CNSales1\\\\FO\\\\SO\r\n");
    }

    @Test
    void noSubscriptionIsAConfigurationError() {
        context = new DefaultCamelContext();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(peer.uri("")).to("log:x");
                }
            });
            context.start();
        }).hasStackTraceContaining("campaigns and/or tenants");
    }

    static String tx(String frame) {
        return frame.substring(5).split("\\\\")[0];
    }

    private CallGemConsumer consumer() {
        return (CallGemConsumer) context.getRoute("feed").getConsumer();
    }

    /** The Unicode port: UTF-16LE both ways, two-byte NUL terminator. */
    static class Utf16Test {

        @RegisterExtension
        final CallGemTestPeer peer = new CallGemTestPeer().charset(CallGemCharset.UTF_16LE);

        @Test
        void eoAndOzInUtf16le() throws Exception {
            CamelContext context = new DefaultCamelContext();
            List<Object> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(peer.uri("campaigns=Ventes&charset=utf-16le&transactionIdPrefix=t"))
                            .process(e -> bodies.add(e.getMessage().getBody()));
                }
            });
            context.start();
            try {
                String eo = peer.nextFrame();
                assertThat(eo).matches("EO\\\\TX" + TX + "\\\\CNVentes\\\\FO\\\\SO");
                assertThat(peer.latest().bytes()).isEqualTo((eo + "\0").getBytes(StandardCharsets.UTF_16LE));
                peer.send("OZ\\TX" + tx(eo) + "\\CNVentes\\GA1\\SI1\\RE1\\TS46000\\ANJosé Ñúñez");
                await().until(() -> bodies.size() == 1);
                assertThat(((io.callgem.protocol.Outcome) bodies.get(0)).agent()).isEqualTo("José Ñúñez");
            } finally {
                context.stop();
            }
        }
    }
}
