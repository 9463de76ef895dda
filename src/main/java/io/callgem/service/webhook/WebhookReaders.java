package io.callgem.service.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.jms.ConnectionFactory;

import io.callgem.service.DeadLetterRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * A {@link WebhookReader} per configured webhook: each webhook has its own durable queue and its
 * own consumers ({@link WebhookSettings#consumers}), so a slow or failing CRM holds up only its
 * own outcomes. What is given up goes to the {@value #DEAD_LETTER} route, as the sink
 * {@code webhook}.
 */
public final class WebhookReaders {

    static final String DEAD_LETTER = "direct:dead-letter";

    private final List<WebhookReader> readers = new ArrayList<>();

    /** Starts reading every webhook's queue. */
    public WebhookReaders(WebhookSettings settings, ConnectionFactory broker, WebhookAttempt attempt,
            WebhookReader.DeliveredListener delivered, CamelContext camel) {
        ProducerTemplate template = camel.createProducerTemplate();
        WebhookReader.DeadLetter deadLetter = (document, outcomeId, tenant, reason) -> {
            Exchange written = template.send(DEAD_LETTER, exchange -> {
                exchange.setProperty(DeadLetterRecord.SINK, "webhook");
                exchange.setProperty(Exchange.EXCEPTION_CAUGHT, reason);
                exchange.getMessage().setHeader(WebhookAttempt.OUTCOME_ID, outcomeId);
                exchange.getMessage().setHeader(WebhookAttempt.TENANT, tenant);
                exchange.getMessage().setBody(document);
            });
            if (written.getException() != null) {
                throw written.getException();
            }
        };
        for (Webhook webhook : settings.webhooks().values()) {
            readers.add(new WebhookReader(webhook, settings.consumers(webhook), broker, attempt, delivered,
                    deadLetter));
        }
        readers.forEach(WebhookReader::start);
    }

    /** Each consumer finishes its attempt, all within {@code timeoutMillis}; the rest stays queued. */
    public void stop(long timeoutMillis) throws InterruptedException {
        readers.forEach(WebhookReader::stop);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (WebhookReader reader : readers) {
            reader.awaitStopped(deadline);
        }
    }
}
