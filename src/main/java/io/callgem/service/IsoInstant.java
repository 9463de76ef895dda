package io.callgem.service;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} (ISO-8601, UTC, {@code 2026-11-26T19:30:00.125Z}) written into a
 * char array instead of through {@code DateTimeFormatter}: every outcome has up to five
 * instants, each written for its document and its id, and the formatter showed in the
 * benchmark's profile. The text is exactly {@code Instant.toString()}'s (its fraction in groups
 * of three digits, none when zero); years outside 0000-9999 are left to it.
 */
final class IsoInstant {

    /** Room for the longest text, {@code Instant.MAX}'s ({@code +1000000000-12-31T23:59:59.999999999Z}). */
    static final int MAX_LENGTH = 40;

    private static final long MIN_SECOND = -62_167_219_200L;   // 0000-01-01T00:00:00Z
    private static final long MAX_SECOND = 253_402_300_799L;   // 9999-12-31T23:59:59Z

    private IsoInstant() {
    }

    static String toString(Instant instant) {
        char[] text = new char[MAX_LENGTH];
        return new String(text, 0, write(instant, text));
    }

    /**
     * Writes {@code instant} at the start of {@code text} (at least {@link #MAX_LENGTH} long).
     *
     * @return the number of chars written
     */
    static int write(Instant instant, char[] text) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
            String other = instant.toString();
            other.getChars(0, other.length(), text, 0);
            return other.length();
        }
        long epochDay = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        Day day = lastDay;
        if (day.epochDay != epochDay) {
            day = new Day(epochDay);
            lastDay = day;
        }
        System.arraycopy(day.text, 0, text, 0, Day.LENGTH);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int at = 19;
        int nanos = instant.getNano();
        if (nanos > 0) {
            text[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(text, at, nanos / 1_000_000, 3);
                at += 3;
            } else if (nanos % 1_000 == 0) {
                digits(text, at, nanos / 1_000, 6);
                at += 6;
            } else {
                digits(text, at, nanos, 9);
                at += 9;
            }
        }
        text[at++] = 'Z';
        return at;
    }

    /**
     * The date of the day last written, {@code yyyy-MM-dd}: an outcome's instants, and the
     * outcomes that come together, are mostly of one day, and working the date out of the day
     * number ({@link LocalDate#ofEpochDay}) was most of the cost of writing an instant. Immutable,
     * so the threads that write instants share it safely; one that finds another day replaces it.
     */
    private static final class Day {
        static final int LENGTH = 10;

        final long epochDay;
        final char[] text = new char[LENGTH];

        Day(long epochDay) {
            this.epochDay = epochDay;
            LocalDate date = LocalDate.ofEpochDay(epochDay);
            digits(text, 0, date.getYear(), 4);
            text[4] = '-';
            digits(text, 5, date.getMonthValue(), 2);
            text[7] = '-';
            digits(text, 8, date.getDayOfMonth(), 2);
        }
    }

    private static volatile Day lastDay = new Day(0);

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
