package io.callgem.service.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    private static final String SECRET_A = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SECRET_B = "whsec_c2Vjb25kLXNlY3JldC1rZXktMzItYnl0ZXMhIQ==";

    private static WebhookSettings read(Map<String, String> properties) {
        return WebhookSettings.read(properties.keySet(), name -> Optional.ofNullable(properties.get(name)));
    }

    @Test
    void tenantsUseTheirOwnWebhookElseTheDefaultElseNone() {
        WebhookSettings settings = read(Map.of(
                "outcomes.webhook.acme.url", "https://crm.acme.example/hooks/callgem",
                "outcomes.webhook.acme.secret", SECRET_A,
                "outcomes.webhook.default.url", "http://127.0.0.1:9/shared",
                "outcomes.webhook.default.secret", SECRET_B,
                "outcomes.dir", "data/outcomes"));
        assertThat(settings.webhooks()).containsOnlyKeys("acme", "default");
        Webhook acme = settings.forTenant("acme").orElseThrow();
        assertThat(acme.key()).isEqualTo("acme");
        assertThat(acme.queue()).isEqualTo("callgem.webhook.acme");
        assertThat(acme.url().getHost()).isEqualTo("crm.acme.example");
        Webhook other = settings.forTenant("globex").orElseThrow();
        assertThat(other.key()).isEqualTo("default");
        assertThat(other.queue()).isEqualTo("callgem.webhook.default");

        WebhookSettings onlyAcme = read(Map.of(
                "outcomes.webhook.acme.url", "https://crm.acme.example/hooks",
                "outcomes.webhook.acme.secret", SECRET_A));
        assertThat(onlyAcme.forTenant("acme")).isPresent();
        assertThat(onlyAcme.forTenant("globex")).isEmpty();
        assertThat(onlyAcme.forTenant("default")).isEmpty();
        assertThat(read(Map.of()).webhooks()).isEmpty();
    }

    @Test
    void defaultsAreTheContractsAndOurs() {
        WebhookSettings settings = read(Map.of());
        assertThat(settings.maxAttempts()).isEqualTo(8);
        assertThat(settings.initialBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxBackoff()).isEqualTo(Duration.ofHours(10));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.concurrency()).isEqualTo(4);
        assertThat(settings.ordered()).isTrue();
    }

    @Test
    void inOrderATenantsOwnWebhookHasOneConsumerAndTheDefaultOneConcurrencyConsumers() {
        Map<String, String> both = Map.of(
                "outcomes.webhook.acme.url", "https://crm.acme.example/hooks",
                "outcomes.webhook.acme.secret", SECRET_A,
                "outcomes.webhook.default.url", "https://crm.example/hooks",
                "outcomes.webhook.default.secret", SECRET_A,
                "outcomes.webhook.concurrency", "3");
        WebhookSettings ordered = read(both);
        assertThat(ordered.consumers(ordered.forTenant("acme").orElseThrow())).isEqualTo(1);
        assertThat(ordered.consumers(ordered.forTenant("globex").orElseThrow())).isEqualTo(3);

        Map<String, String> unordered = new java.util.HashMap<>(both);
        unordered.put("outcomes.webhook.ordered", "false");
        WebhookSettings parallel = read(unordered);
        assertThat(parallel.ordered()).isFalse();
        assertThat(parallel.consumers(parallel.forTenant("acme").orElseThrow())).isEqualTo(3);
        assertThat(parallel.consumers(parallel.forTenant("globex").orElseThrow())).isEqualTo(3);
    }

    @Test
    void orderedIsTrueOrFalse() {
        assertThatThrownBy(() -> read(Map.of("outcomes.webhook.ordered", "yes")))
                .hasMessageContaining("outcomes.webhook.ordered must be true or false");
    }

    @Test
    void settingsAreReadInQuarkusDurationFormat() {
        WebhookSettings settings = read(Map.of(
                "outcomes.webhook.max-attempts", "3",
                "outcomes.webhook.initial-backoff", "200ms",
                "outcomes.webhook.max-backoff", "PT2S",
                "outcomes.webhook.connect-timeout", "1s",
                "outcomes.webhook.request-timeout", "15s",
                "outcomes.webhook.concurrency", "4"));
        assertThat(settings.maxAttempts()).isEqualTo(3);
        assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.concurrency()).isEqualTo(4);
        assertThat(settings.webhooks()).isEmpty();
    }

    @Test
    void tenantNamesAreTheTextBetweenPrefixAndSuffix() {
        WebhookSettings settings = read(Map.of(
                "outcomes.webhook.eu.acme.url", "http://127.0.0.1:1/a",
                "outcomes.webhook.eu.acme.secret", SECRET_A,
                "outcomes.webhook.Tenant42.url", "http://127.0.0.1:1/b",
                "outcomes.webhook.Tenant42.secret", SECRET_B));
        assertThat(settings.webhooks()).containsOnlyKeys("eu.acme", "Tenant42");
        assertThat(settings.forTenant("Tenant42").orElseThrow().queue()).isEqualTo("callgem.webhook.Tenant42");
        assertThat(settings.forTenant("tenant42")).isEmpty();
    }

    @Test
    void mistakesFailTheStartNamingThePropertyButNeverItsValue() {
        Map<String, String> properties = new HashMap<>();
        properties.put("outcomes.webhook.acme.url", "https://user:token@crm.example/x");
        properties.put("outcomes.webhook.globex.secret", "whsec_c3VwZXJzZWNyZXQ=");
        properties.put("outcomes.webhook.initech.url", "ftp://files.example/");
        properties.put("outcomes.webhook.initech.secret", "whsec_!!!notbase64-supersecret");
        properties.put("outcomes.webhook.max-attempts", "0");
        properties.put("outcomes.webhook.initial-backoff", "soon");
        assertThatThrownBy(() -> read(properties))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outcomes.webhook.acme.secret is missing")
                .hasMessageContaining("outcomes.webhook.globex.url is missing")
                .hasMessageContaining("outcomes.webhook.initech.url is not an absolute http(s) URL")
                .hasMessageContaining("outcomes.webhook.initech.secret")
                .hasMessageContaining("outcomes.webhook.max-attempts")
                .hasMessageContaining("outcomes.webhook.initial-backoff")
                .message()
                .doesNotContain("token", "c3VwZXJzZWNyZXQ", "supersecret", "files.example");
    }

    @Test
    void tenantsWhoseQueuesWouldCollideAreRefused() {
        assertThatThrownBy(() -> read(Map.of(
                "outcomes.webhook.a/b.url", "http://127.0.0.1:1/a",
                "outcomes.webhook.a/b.secret", SECRET_A,
                "outcomes.webhook.a_b.url", "http://127.0.0.1:1/b",
                "outcomes.webhook.a_b.secret", SECRET_B)))
                .hasMessageContaining("would share the queue callgem.webhook.a_b");
    }

    @Test
    void toStringShowsNeitherUrlNorSecret() {
        WebhookSettings settings = read(Map.of(
                "outcomes.webhook.acme.url", "https://crm.acme.example/hooks?token=abc123",
                "outcomes.webhook.acme.secret", SECRET_A));
        assertThat(settings.toString()).doesNotContain("abc123", "crm.acme.example", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }
}
