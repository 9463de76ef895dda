package io.callgem.service.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;


class BackoffTest {

    private static final Instant NOW = Instant.parse("2026-11-26T19:30:00Z");

    @Test
    void doublesFromTheInitialBackoffUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(10), () -> 0.999999);
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(320));
        assertThat(backoff.ceiling(13)).isEqualTo(Duration.ofSeconds(20480));
        assertThat(backoff.ceiling(14)).isEqualTo(Duration.ofHours(10));
        assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(10));
    }

    @Test
    void theDelayIsBetweenHalfAndAllOfTheCeiling() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            int attempts = 1 + random.nextInt(100);
            double r = i < 2 ? i * 0.9999999 : random.nextDouble();
            Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(10), () -> r);
            Duration ceiling = backoff.ceiling(attempts);
            assertThat(backoff.delay(attempts, null, NOW)).as("attempts %d, random %f", attempts, r)
                    .isBetween(ceiling.dividedBy(2), ceiling);
        }
    }

    @Test
    void jitterSpreadsRetriesOfOutcomesThatFailedTogether() {
        Backoff low = new Backoff(Duration.ofSeconds(8), Duration.ofHours(10), () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(8), Duration.ofHours(10), () -> 0.99);
        assertThat(low.delay(1, null, NOW)).isEqualTo(Duration.ofSeconds(4));
        assertThat(high.delay(1, null, NOW)).isGreaterThan(Duration.ofMillis(7900));
    }

    @Test
    void aLongerRetryAfterInSecondsWins() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(10), () -> 0.5);
        assertThat(backoff.delay(1, "120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.delay(1, "1", NOW)).isEqualTo(Duration.ofMillis(3750));
    }

    @Test
    void aRetryAfterHttpDateWins() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(10), () -> 0.5);
        assertThat(backoff.delay(1, "Thu, 26 Nov 2026 19:35:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(5));
        // in the past: the computed backoff stands
        assertThat(backoff.delay(1, "Thu, 26 Nov 2026 19:00:00 GMT", NOW)).isEqualTo(Duration.ofMillis(3750));
    }

    @Test
    void retryAfterIsCappedByTheMaximumBackoff() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(1), () -> 0.5);
        assertThat(backoff.delay(1, "86400", NOW)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void unreadableRetryAfterIsIgnored() {
        assertThat(Backoff.parseRetryAfter("soon", NOW)).isEmpty();
        assertThat(Backoff.parseRetryAfter("-5", NOW)).isEmpty();
        assertThat(Backoff.parseRetryAfter("99999999999999999999999", NOW)).isEmpty();
        assertThat(Backoff.parseRetryAfter("", NOW)).isEmpty();
        assertThat(Backoff.parseRetryAfter(null, NOW)).isEmpty();
        assertThat(Backoff.parseRetryAfter(" 7 ", NOW)).contains(Duration.ofSeconds(7));
    }

    @Test
    void statusesAreClassifiedAsTheContractSays() {
        assertThat(Attempt.answered(200, null, Duration.ZERO).delivered()).isTrue();
        assertThat(Attempt.answered(204, null, Duration.ZERO).delivered()).isTrue();
        for (int retried : new int[] { 408, 429, 500, 502, 503, 504 }) {
            Attempt a = Attempt.answered(retried, null, Duration.ZERO);
            assertThat(a.delivered()).isFalse();
            assertThat(a.retryable()).as("%d", retried).isTrue();
        }
        for (int fatal : new int[] { 301, 400, 401, 403, 404, 410, 413, 422 }) {
            Attempt a = Attempt.answered(fatal, null, Duration.ZERO);
            assertThat(a.delivered()).isFalse();
            assertThat(a.retryable()).as("%d", fatal).isFalse();
        }
        assertThat(Attempt.failed("ConnectException", Duration.ZERO).retryable()).isTrue();
    }
}
