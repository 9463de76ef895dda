package io.callgem.service.webhook;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import io.callgem.service.DeliveredIds;
import io.callgem.service.DeliveryCounter;
import io.callgem.service.JmsBatch;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.spi.CamelEvent.CamelContextStartedEvent;
import org.apache.camel.spi.CamelEvent.CamelContextStoppingEvent;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The webhook sink's beans, built from the configuration, and the readers of the webhooks'
 * queues ({@link WebhookReaders}), started with the Camel context and stopped before its routes.
 * The route step used from {@code routes/webhooks.yaml} is {@code webhookEnqueue}.
 */
@ApplicationScoped
public class WebhookBeans {

    private static final Logger LOG = Logger.getLogger(WebhookBeans.class);

    @ConfigProperty(name = "camel.main.shutdown-timeout", defaultValue = "45")
    int shutdownTimeoutSeconds;

    @ConfigProperty(name = "quarkus.artemis.url")
    String brokerUrl;

    @ConfigProperty(name = "quarkus.artemis.username")
    Optional<String> brokerUser;

    @ConfigProperty(name = "quarkus.artemis.password")
    Optional<String> brokerPassword;

    private volatile WebhookReaders readers;
    private volatile ActiveMQConnectionFactory connections;

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
    WebhookAttempt attempt(WebhookSettings settings, WebhookSender sender, MeterRegistry registry) {
        Clock clock = Clock.systemUTC();
        return new WebhookAttempt(settings, sender,
                new Backoff(settings.initialBackoff(), settings.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble()),
                new WebhookMetrics(registry), clock);
    }

    /**
     * The attempt (and so the sender: an HTTP client that loads the JDK's trust store, ~50-100 ms
     * of a start on 2 cores) is made only when there is a webhook to read for.
     */
    void startReaders(@Observes CamelContextStartedEvent event, WebhookSettings settings,
            Instance<WebhookAttempt> attempt, DeliveryCounter counter) {
        LOG.infof("Webhooks: %d configured %s, up to %d attempts, concurrency %d per webhook%s",
                settings.webhooks().size(), settings.webhooks().keySet(), settings.maxAttempts(),
                settings.concurrency(), settings.ordered() ? ", each tenant in order" : "");
        if (settings.webhooks().isEmpty()) {
            return; // no queue to read: no connection factory, no threads
        }
        connections = WebhookReader.connectionFactory(brokerUrl, brokerUser.orElse(null), brokerPassword.orElse(null));
        readers = new WebhookReaders(settings, connections, attempt.get(),
                (tenant, outcomeId) -> counter.delivered("webhook", tenant), event.getContext());
    }

    /** Before the routes stop (the dead letter route among them): attempts under way finish. */
    void stopReaders(@Observes CamelContextStoppingEvent event) throws InterruptedException {
        if (readers != null) {
            readers.stop(TimeUnit.SECONDS.toMillis(shutdownTimeoutSeconds));
            readers = null;
            connections.close();
        }
    }
}
