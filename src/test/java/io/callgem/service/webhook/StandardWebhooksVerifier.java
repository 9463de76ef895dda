package io.callgem.service.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks 1.0 request, written from the specification
 * (standard-webhooks/standard-webhooks, spec/standard-webhooks.md, "Verifying signatures"),
 * not from our signer: the signed content is {@code id.timestamp.payload}, the key the base64
 * after {@code whsec_}, the header a space-separated list of {@code version,signature}, and a
 * timestamp more than five minutes away is rejected.
 */
final class StandardWebhooksVerifier {

    private final byte[] key;

    StandardWebhooksVerifier(String secret) {
        this.key = Base64.getDecoder().decode(secret.replaceFirst("^whsec_", ""));
    }

    /** @return null when valid, else why not */
    String check(String id, String timestamp, String signatureHeader, byte[] payload, Instant now) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return "missing header";
        }
        long ts = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - ts) > 300) {
            return "timestamp outside tolerance";
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
            byte[] content = new byte[prefix.length + payload.length];
            System.arraycopy(prefix, 0, content, 0, prefix.length);
            System.arraycopy(payload, 0, content, prefix.length, payload.length);
            expected = mac.doFinal(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (String versioned : signatureHeader.split(" ")) {
            int comma = versioned.indexOf(',');
            if (comma < 0 || !"v1".equals(versioned.substring(0, comma))) {
                continue;
            }
            byte[] given = Base64.getDecoder().decode(versioned.substring(comma + 1));
            if (MessageDigest.isEqual(expected, given)) {
                return null;
            }
        }
        return "no matching v1 signature";
    }
}
