package io.callgem.protocol;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OleDateProperties {

    private static final ZoneId KOLKATA = ZoneOffset.ofHoursMinutes(5, 30);

    @Property(tries = 500)
    void instantToDoubleAndBackIsExactAtTheMillisecond(
            @ForAll @LongRange(min = -2_208_988_800_000L, max = 32_503_680_000_000L) long epochMilli,
            @ForAll @LongRange(min = 0, max = 999_999) long nanos) {
        Instant i = Instant.ofEpochMilli(epochMilli).plusNanos(nanos);
        Instant expected = i.plusNanos(500_000).truncatedTo(ChronoUnit.MILLIS);
        for (ZoneId zone : new ZoneId[] {ZoneOffset.UTC, KOLKATA}) {
            assertThat(OleDate.toInstant(OleDate.fromInstant(i, zone), zone)).isEqualTo(expected);
            assertThat(OleDate.toInstant(OleDate.parse(OleDate.format(i, zone)), zone)).isEqualTo(expected);
        }
    }

    @Property(tries = 500)
    void doubleToInstantAndBackStaysWithinHalfAMillisecond(@ForAll @DoubleRange(min = 0, max = 2_958_465) double ole) {
        double back = OleDate.fromInstant(OleDate.toInstant(ole, ZoneOffset.UTC), ZoneOffset.UTC);
        assertThat(Math.abs(back - ole) * 86_400_000d).isLessThanOrEqualTo(0.5 + 1e-3);
    }

    @Property(tries = 300)
    void fastParseAgreesWithTheJdk(@ForAll @LongRange(min = 0, max = 2_958_465L) long days,
                                   @ForAll @LongRange(min = 0, max = 999_999_999L) long fraction) {
        String text = days + "." + String.format("%09d", fraction);
        assertThat(OleDate.parse(text)).isEqualTo(Double.parseDouble(text));
    }
}
