package io.callgem.component;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The component is found by its scheme and ships its generated catalog metadata and configurers. */
class CallGemComponentCatalogTest {

    @Test
    void discoveredByScheme() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            assertThat(context.getComponent("callgem")).isInstanceOf(CallGemComponent.class);
            CallGemEndpoint endpoint = context.getEndpoint(
                    "callgem:dialer1:6502?campaigns=Sales1,Sales2&failures=true&successes=false&reconnectDelay=2s"
                    + "&idleTimeout=5m&charset=utf-16le", CallGemEndpoint.class);
            assertThat(endpoint.getHost()).isEqualTo("dialer1");
            assertThat(endpoint.getPort()).isEqualTo(6502);
            CallGemConfiguration cfg = endpoint.getConfiguration();
            assertThat(cfg.campaignList()).containsExactly("Sales1", "Sales2");
            assertThat(cfg.isSuccesses()).isFalse();
            assertThat(cfg.getReconnectDelay()).isEqualTo(2000);
            assertThat(cfg.getIdleTimeout()).isEqualTo(300_000);
            assertThat(cfg.getCharset()).isEqualTo("utf-16le");
            // endpoints never share configuration with the component or each other
            assertThat(cfg).isNotSameAs(context.getComponent("callgem", CallGemComponent.class).getConfiguration());
        }
    }

    @Test
    void catalogJsonDocumentsOptionsAndHeaders() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/callgem/component/callgem.json")) {
            assertThat(in).as("callgem.json on the classpath").isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(json).contains("\"scheme\": \"callgem\"", "\"syntax\": \"callgem:host:port\"");
        for (String option : new String[] {
                "campaigns", "tenants", "successes", "failures", "rate", "persistToken", "charset", "strict",
                "oleZone", "maxFrameLength", "connectTimeout", "reconnectDelay", "maxReconnectDelay", "idleTimeout",
                "tcpKeepAlive", "transactionIdPrefix", "requestTimeout", "maxInFlight", "shutdownTimeout" }) {
            assertThat(json).contains("\"" + option + "\": {");
        }
        for (String header : new String[] {
                "CamelCallGemTenant", "CamelCallGemCampaign", "CamelCallGemSessionId", "CamelCallGemReason",
                "CamelCallGemTransactionId", "CamelCallGemValid", "CamelCallGemRaw" }) {
            assertThat(json).contains("\"" + header + "\": {");
        }
        try (CamelContext context = new DefaultCamelContext()) {
            assertThat(context.getCamelContextExtension().getContextPlugin(org.apache.camel.catalog.RuntimeCamelCatalog.class).componentJSonSchema("callgem")).isEqualTo(json);
        }
    }

    @Test
    void uriFactoryBuildsUris() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            String uri = context.getCamelContextExtension().getEndpointUriFactory("callgem")
                    .buildUri("callgem", java.util.Map.of("host", "dialer1", "port", 6500, "campaigns", "Sales1"));
            assertThat(uri).isEqualTo("callgem:dialer1:6500?campaigns=Sales1");
        }
    }
}
