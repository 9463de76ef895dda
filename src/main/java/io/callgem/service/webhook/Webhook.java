package io.callgem.service.webhook;

import java.net.URI;

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

    /** The route's id part and the queue's suffix: the contract's folder-name rule for tenants. */
    static String safe(String key) {
        StringBuilder safe = new StringBuilder(key.length());
        boolean onlyDots = true;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            safe.append(allowed ? c : '_');
            onlyDots &= c == '.';
        }
        return onlyDots ? "_" : safe.toString();
    }

    @Override
    public String toString() {
        return "Webhook[" + key + " -> queue " + queue + "]";
    }
}
