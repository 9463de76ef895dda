package io.callgem.service.webhook;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;

/**
 * Starts one consumer route per configured webhook from the {@value #TEMPLATE} route template
 * in {@code routes/webhooks.yaml}: each webhook gets its own durable queue and its own
 * consumers ({@link WebhookSettings#consumers}), so a slow or failing CRM holds up only its own
 * outcomes.
 */
public final class WebhookConsumers {

    public static final String TEMPLATE = "webhook-delivery";

    private WebhookConsumers() {
    }

    /** Adds (and, on a started context, starts) the routes {@code webhook-<key>}. */
    public static void add(CamelContext context, WebhookSettings settings) {
        for (Webhook webhook : settings.webhooks().values()) {
            TemplatedRouteBuilder.builder(context, TEMPLATE)
                    .routeId("webhook-" + Webhook.safe(webhook.key()))
                    .parameter("webhook", webhook.key())
                    .parameter("queue", webhook.queue())
                    .parameter("concurrency", Integer.toString(settings.consumers(webhook)))
                    .add();
        }
    }
}
