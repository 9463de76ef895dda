package io.callgem.service.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;


class WebhookSignerTest {

    // The published Standard Webhooks test vector (standard-webhooks/standard-webhooks,
    // libraries/java/.../WebhookTest.verifyWebhookSignWorks, same in every reference library).
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String PAYLOAD = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void reproducesThePublishedTestVector() {
        assertThat(WebhookSigner.of(SECRET).sign(ID, TIMESTAMP, PAYLOAD.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SIGNATURE);
    }

    @Test
    void aSignerSignsAgainAndOnManyThreadsAsAFreshOne() throws Exception {
        WebhookSigner signer = WebhookSigner.of(SECRET);
        byte[] other = "{\"other\": 1}".getBytes(StandardCharsets.UTF_8);
        String otherSignature = WebhookSigner.of(SECRET).sign("msg_other", TIMESTAMP + 1, other);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 400; i++) {
                boolean vector = i % 2 == 0;
                results.add(pool.submit(() -> vector
                        ? signer.sign(ID, TIMESTAMP, PAYLOAD.getBytes(StandardCharsets.UTF_8)).equals(SIGNATURE)
                        : signer.sign("msg_other", TIMESTAMP + 1, other).equals(otherSignature)));
            }
            for (var result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(otherSignature).isNotEqualTo(SIGNATURE);
    }

    @Test
    void theSecretPrefixIsOptionalAsInTheReferenceLibraries() {
        assertThat(WebhookSigner.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign(ID, TIMESTAMP,
                PAYLOAD.getBytes(StandardCharsets.UTF_8))).isEqualTo(SIGNATURE);
    }

    @Test
    void anIndependentVerifierAcceptsWhatWeSign() {
        Random random = new Random(11);
        WebhookSigner signer = WebhookSigner.of(SECRET);
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(SECRET);
        for (int i = 0; i < 300; i++) {
            String id = text(random, 1 + random.nextInt(40));
            byte[] payload = text(random, random.nextInt(300)).getBytes(StandardCharsets.UTF_8);
            Instant now = Instant.ofEpochSecond(1_600_000_000L + random.nextInt(400_000_000));
            String header = signer.sign(id, now.getEpochSecond(), payload);
            assertThat(verifier.check(id, Long.toString(now.getEpochSecond()), header, payload, now))
                    .as("id %s", id).isNull();
        }
    }

    /** Random text with ASCII, accents, CJK and emoji (surrogate pairs): every UTF-8 length. */
    private static String text(Random random, int codePoints) {
        int[] pool = { 'a', 'Z', '0', '.', ' ', '"', '{', 0xE9, 0x20AC, 0x4E2D, 0x1F600 };
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            s.appendCodePoint(random.nextInt(4) == 0 ? pool[random.nextInt(pool.length)] : 'a' + random.nextInt(26));
        }
        return s.toString();
    }

    @Test
    void aChangedBodyIdOrTimestampFailsVerification() {
        byte[] payload = PAYLOAD.getBytes(StandardCharsets.UTF_8);
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(SECRET);
        Instant now = Instant.ofEpochSecond(TIMESTAMP);
        String ts = Long.toString(TIMESTAMP);
        assertThat(verifier.check(ID, ts, SIGNATURE, payload, now)).isNull();
        assertThat(verifier.check(ID, ts, SIGNATURE, "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), now))
                .isNotNull();
        assertThat(verifier.check(ID + "x", ts, SIGNATURE, payload, now)).isNotNull();
        assertThat(verifier.check(ID, Long.toString(TIMESTAMP + 1), SIGNATURE, payload, now)).isNotNull();
        String otherKey = WebhookSigner.of("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]))
                .sign(ID, TIMESTAMP, payload);
        assertThat(verifier.check(ID, ts, otherKey, payload, now)).isNotNull();
    }

    @Test
    void badSecretsAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> WebhookSigner.of("whsec_not*base64!")).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("not*base64!");
        assertThatThrownBy(() -> WebhookSigner.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSigner.of("whsec_")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringHidesTheKey() {
        assertThat(WebhookSigner.of(SECRET).toString()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }
}
