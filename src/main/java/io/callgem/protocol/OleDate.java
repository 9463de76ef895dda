package io.callgem.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * OLE Automation dates: days since 1899-12-30 00:00 local time, fraction = time of day
 * (protocol brief, "OLE Automation dates"). Instants are at millisecond precision; negative,
 * NaN and infinite values are invalid.
 */
public final class OleDate {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** Local millis from 1899-12-30T00:00 to 1970-01-01T00:00 (25569 days). */
    private static final long EPOCH_OFFSET_MILLIS = 25_569L * MILLIS_PER_DAY;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
        1e11, 1e12, 1e13, 1e14, 1e15};

    private OleDate() {
    }

    /**
     * @throws IllegalArgumentException for NaN, infinite or negative values
     */
    public static Instant toInstant(double ole, ZoneId zone) {
        String problem = problem(ole);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        long localMillis = Math.round(ole * MILLIS_PER_DAY) - EPOCH_OFFSET_MILLIS;
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            int offsetSeconds = rules.getOffset(Instant.EPOCH).getTotalSeconds();
            return Instant.ofEpochMilli(localMillis - offsetSeconds * 1000L);
        }
        LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(localMillis, 1000L),
                (int) Math.floorMod(localMillis, 1000L) * 1_000_000, ZoneOffset.UTC);
        return local.atZone(zone).toInstant();
    }

    /** The OLE value of an instant, rounded to the millisecond first. */
    public static double fromInstant(Instant instant, ZoneId zone) {
        return (double) oleMillis(instant, zone) / MILLIS_PER_DAY;
    }

    /**
     * The wire text of an instant: 9 decimals (0.0864 ms resolution) with trailing zeros
     * dropped, so that {@code toInstant(parse(format(i)))} is {@code i} at millisecond precision
     * while the text stays short, e.g. "46000.5".
     */
    public static String format(Instant instant, ZoneId zone) {
        long millis = oleMillis(instant, zone);
        if (millis < 0) {
            return BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(MILLIS_PER_DAY), 9, java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros().toPlainString();
        }
        // nano-days, rounded half up: millis * 1e9 / 86.4e6 = millis * 10000 / 864
        long nanoDays = Math.addExact(Math.multiplyExact(millis, 10_000L), 432L) / 864L;
        long days = nanoDays / 1_000_000_000L;
        long fraction = nanoDays % 1_000_000_000L;
        if (fraction == 0) {
            return Long.toString(days);
        }
        StringBuilder sb = new StringBuilder(24).append(days).append('.');
        String f = Long.toString(fraction);
        for (int i = f.length(); i < 9; i++) {
            sb.append('0');
        }
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return sb.append(f, 0, end).toString();
    }

    /**
     * Parses the wire text. Plain decimals of up to 15 digits take an exact fast path
     * (a long divided by a power of ten is correctly rounded); anything else goes to
     * {@link Double#parseDouble}, which also accepts "NaN" and exponents.
     *
     * @throws NumberFormatException when the text is not a number
     */
    public static double parse(CharSequence text) {
        return parse(text, 0, text.length());
    }

    /** {@link #parse(CharSequence)} of {@code text[from, to)}, without copying it out. */
    public static double parse(CharSequence text, int from, int to) {
        int len = to - from;
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = -1;
        if (len > 0 && len <= 16) {
            int i = from;
            for (; i < to; i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    mantissa = mantissa * 10 + (c - '0');
                    digits++;
                } else if (c == '.' && fractionDigits < 0) {
                    fractionDigits = to - i - 1;
                } else {
                    break;
                }
            }
            if (i == to && digits > 0 && digits <= 15) {
                return fractionDigits <= 0 ? (double) mantissa : mantissa / POW10[fractionDigits];
            }
        }
        return Double.parseDouble(text.subSequence(from, to).toString().trim());
    }

    /**
     * OLE value to epoch millis for a fixed UTC offset: the reader's hot path, where
     * {@link #toInstant} would look the zone rules up per value. Value must be valid.
     */
    static long toEpochMilli(double ole, int offsetSeconds) {
        return Math.round(ole * MILLIS_PER_DAY) - EPOCH_OFFSET_MILLIS - offsetSeconds * 1000L;
    }

    /** Why {@code ole} is not a valid OLE date, or null when it is. */
    public static String problem(double ole) {
        if (Double.isNaN(ole)) {
            return "NaN is not a valid OLE date";
        }
        if (Double.isInfinite(ole)) {
            return "infinite OLE date";
        }
        if (ole < 0) {
            return "negative OLE date " + ole;
        }
        if (ole > 2_958_465.99999999) { // 9999-12-31, the OLE maximum
            return "OLE date " + ole + " beyond 9999-12-31";
        }
        return null;
    }

    private static long oleMillis(Instant instant, ZoneId zone) {
        long epochMillis = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1000L),
                (instant.getNano() + 500_000L) / 1_000_000L);
        ZoneRules rules = zone.getRules();
        int offsetSeconds = rules.getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds();
        return epochMillis + offsetSeconds * 1000L + EPOCH_OFFSET_MILLIS;
    }
}
