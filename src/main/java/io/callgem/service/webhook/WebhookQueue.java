package io.callgem.service.webhook;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Route step of {@code direct:deliver-webhooks}: names the durable queue of the outcome's
 * webhook in the {@value #PROPERTY} exchange property (the tenant's own, else the default one), or removes
 * it when the tenant has no webhook.
 */
@RegisterForReflection
public class WebhookQueue implements Processor {

    /** Exchange property: the JMS queue the outcome waits in for its webhook. */
    public static final String PROPERTY = "webhookQueue";

    private final WebhookSettings settings;

    public WebhookQueue(WebhookSettings settings) {
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String tenant = in.getHeader(WebhookAttempt.TENANT, String.class);
        settings.forTenant(tenant).ifPresentOrElse(
                webhook -> exchange.setProperty(PROPERTY, webhook.queue()),
                () -> exchange.removeProperty(PROPERTY));
    }
}
