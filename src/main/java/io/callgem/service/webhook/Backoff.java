package io.callgem.service.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a webhook again: exponential backoff with "equal jitter" (the delay before
 * retry n is uniform in [d/2, d] with d = initial * 2^(n-1), capped by {@code max}), so that
 * many outcomes failing together do not come back together. A {@code Retry-After} the CRM
 * sent wins when it asks for longer, up to {@code max} as well (the contract's longest delay
 * between attempts).
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial-backoff <= max-backoff");
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /**
     * @param attempts attempts made so far (1 after the first failure)
     * @param retryAfter the response's {@code Retry-After} header, or null
     */
    public Duration delay(int attempts, String retryAfter, Instant now) {
        Duration ceiling = ceiling(attempts);
        long halfMillis = ceiling.toMillis() / 2;
        long jitter = (long) (random.getAsDouble() * (ceiling.toMillis() - halfMillis));
        Duration delay = Duration.ofMillis(halfMillis + jitter);
        Optional<Duration> asked = parseRetryAfter(retryAfter, now);
        if (asked.isPresent() && asked.get().compareTo(delay) > 0) {
            delay = asked.get();
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** The un-jittered delay before retry {@code attempts}: initial doubled (attempts - 1) times, capped. */
    Duration ceiling(int attempts) {
        Duration d = initial;
        for (int i = 1; i < attempts && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /**
     * {@code Retry-After} as delay-seconds or an HTTP-date (RFC 9110 section 10.2.3); empty when
     * absent or unreadable, zero for a date in the past.
     */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException | ArithmeticException e) {
                return Optional.empty();   // more digits than a long: not a sane request
            }
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
