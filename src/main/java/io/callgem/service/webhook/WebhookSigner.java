package io.callgem.service.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests per Standard Webhooks 1.0: {@code v1,} + base64 of HMAC-SHA256 over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the base64-decoded secret after
 * its {@code whsec_} prefix. Holds only the decoded key; {@link #toString()} never shows it.
 */
public final class WebhookSigner {

    /** The prefix of Standard Webhooks secrets. */
    public static final String SECRET_PREFIX = "whsec_";
    private static final String HMAC = "HmacSHA256";

    /** One keyed HMAC per consumer thread: Mac.getInstance looks the provider up each time. */
    private final ThreadLocal<Mac> macs;

    private WebhookSigner(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key, HMAC);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(HMAC);
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        });
    }

    /**
     * @param secret {@code whsec_} + base64 key (the prefix is optional, as in the reference
     *        libraries)
     * @throws IllegalArgumentException when the secret is empty or not base64; the message
     *         never contains the secret
     */
    public static WebhookSigner of(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        String encoded = secret.strip();
        if (encoded.startsWith(SECRET_PREFIX)) {
            encoded = encoded.substring(SECRET_PREFIX.length());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook secret is not " + SECRET_PREFIX + " followed by base64");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("the webhook secret's key is empty");
        }
        return new WebhookSigner(key);
    }

    /** The {@code webhook-signature} header value for one attempt. */
    public String sign(String id, long timestampSeconds, byte[] body) {
        Mac mac = macs.get();   // doFinal leaves it reset for the next signature
        mac.update((id + '.' + timestampSeconds + '.').getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    @Override
    public String toString() {
        return "WebhookSigner[v1, key hidden]";
    }
}
