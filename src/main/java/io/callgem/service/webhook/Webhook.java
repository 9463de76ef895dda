package io.callgem.service.webhook;

import java.net.URI;

import io.callgem.service.TenantDirectory;

/**
 * One configured webhook: the tenant's own ({@code key} = the tenant) or the default one
 * ({@code key} = {@code default}), with the durable queue its deliveries wait in.
 * {@link #toString()} shows neither the URL (it may carry a token) nor the secret.
 */
public record Webhook(String key, String queue, URI url, WebhookSigner signer) {

    /** The key of the webhook for tenants without their own. */
    public static final String DEFAULT = "default";
    /** Queue names: {@code callgem.webhook.<tenant made path-safe>}. */
    public static final String QUEUE_PREFIX = "callgem.webhook.";

    public static Webhook of(String key, URI url, WebhookSigner signer) {
        return new Webhook(key, QUEUE_PREFIX + safe(key), url, signer);
    }

    /** The queue's suffix and the route's id part: the tenant made path-safe, as its folder name. */
    static String safe(String key) {
        return TenantDirectory.of(key);
    }

    @Override
    public String toString() {
        return "Webhook[" + key + " -> queue " + queue + "]";
    }
}
