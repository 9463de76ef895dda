package io.callgem.service.webhook;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import io.callgem.service.DeliveredIds;
import io.callgem.service.JmsBatch;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.spi.CamelEvent.CamelContextStartedEvent;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The webhook sink's beans, built from the configuration, and the per-webhook consumer routes,
 * started with the Camel context. The route steps used from {@code routes/webhooks.yaml} are
 * {@code webhookEnqueue} and {@code webhookAttempt}.
 */
@ApplicationScoped
public class WebhookBeans {

    private static final Logger LOG = Logger.getLogger(WebhookBeans.class);

    @Produces
    @Singleton
    WebhookSettings settings(Config config) {
        return WebhookSettings.read(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
    }

    @Produces
    @Singleton
    @Named("webhookEnqueue")
    WebhookEnqueue enqueue(WebhookSettings settings,
            @Named("cachingConnectionFactory") CachingConnectionFactory connections,
            @Named("webhooksQueued") DeliveredIds queued) {
        return new WebhookEnqueue(settings, new JmsBatch(connections, queued, false));
    }

    @Produces
    @Singleton
    WebhookSender sender(WebhookSettings settings) {
        // every consumer may be in a request to the same host at once: none waits for a connection
        int connections = Math.max(1, settings.webhooks().values().stream().mapToInt(settings::consumers).sum());
        return new WebhookSender(settings.connectTimeout(), settings.requestTimeout(), connections,
                Clock.systemUTC());
    }

    void closeSender(@Disposes WebhookSender sender) {
        sender.close();
    }

    @Produces
    @Singleton
    @Named("webhookAttempt")
    WebhookAttempt attempt(WebhookSettings settings, WebhookSender sender, MeterRegistry registry) {
        Clock clock = Clock.systemUTC();
        return new WebhookAttempt(settings, sender,
                new Backoff(settings.initialBackoff(), settings.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble()),
                new WebhookMetrics(registry), clock);
    }

    void startConsumers(@Observes CamelContextStartedEvent event, WebhookSettings settings) {
        WebhookConsumers.add(event.getContext(), settings);
        LOG.infof("Webhooks: %d configured %s, up to %d attempts, concurrency %d per webhook%s",
                settings.webhooks().size(), settings.webhooks().keySet(), settings.maxAttempts(),
                settings.concurrency(), settings.ordered() ? ", each tenant in order" : "");
    }
}
