package io.callgem.protocol;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OleDateTest {

    @Test
    void specExample() {
        assertThat(OleDate.toInstant(46000.5, ZoneOffset.UTC)).isEqualTo(Instant.parse("2025-12-09T12:00:00Z"));
        assertThat(OleDate.toInstant(0, ZoneOffset.UTC)).isEqualTo(Instant.parse("1899-12-30T00:00:00Z"));
        assertThat(OleDate.fromInstant(Instant.parse("2025-12-09T12:00:00Z"), ZoneOffset.UTC)).isEqualTo(46000.5);
    }

    @Test
    void zoneIsTheLocalTimeOfTheHost() {
        ZoneId paris = ZoneId.of("Europe/Paris");   // UTC+1 in December
        assertThat(OleDate.toInstant(46000.5, paris)).isEqualTo(Instant.parse("2025-12-09T11:00:00Z"));
        assertThat(OleDate.fromInstant(Instant.parse("2025-12-09T11:00:00Z"), paris)).isEqualTo(46000.5);
        assertThat(OleDate.toInstant(46000.5, ZoneOffset.ofHours(-5))).isEqualTo(Instant.parse("2025-12-09T17:00:00Z"));
    }

    @Test
    void roundsToTheMillisecond() {
        double ole = 46000.5 + 1.4 / 86_400_000d;   // 1.4 ms after noon
        assertThat(OleDate.toInstant(ole, ZoneOffset.UTC)).isEqualTo(Instant.parse("2025-12-09T12:00:00.001Z"));
        Instant i = Instant.parse("2025-12-09T12:00:00.123456Z");
        assertThat(OleDate.toInstant(OleDate.fromInstant(i, ZoneOffset.UTC), ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2025-12-09T12:00:00.123Z"));
    }

    @Test
    void invalidValues() {
        assertThatThrownBy(() -> OleDate.toInstant(Double.NaN, ZoneOffset.UTC)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> OleDate.toInstant(-1, ZoneOffset.UTC)).hasMessageContaining("negative");
        assertThatThrownBy(() -> OleDate.toInstant(Double.POSITIVE_INFINITY, ZoneOffset.UTC)).hasMessageContaining("infinite");
    }

    @Test
    void wireTextIsShortAndExact() {
        assertThat(OleDate.format(Instant.parse("2025-12-09T12:00:00Z"), ZoneOffset.UTC)).isEqualTo("46000.5");
        assertThat(OleDate.format(Instant.parse("2025-12-10T00:00:00Z"), ZoneOffset.UTC)).isEqualTo("46001");
        Instant i = Instant.parse("2025-12-09T12:34:56.789Z");
        assertThat(OleDate.toInstant(OleDate.parse(OleDate.format(i, ZoneOffset.UTC)), ZoneOffset.UTC)).isEqualTo(i);
        assertThat(OleDate.parse("46000.5")).isEqualTo(46000.5);
        assertThat(OleDate.parse("46000.2500115741")).isEqualTo(Double.parseDouble("46000.2500115741"));
        assertThat(OleDate.parse("4.6E4")).isEqualTo(46000d);
        assertThat(OleDate.parse("NaN")).isNaN();
        assertThatThrownBy(() -> OleDate.parse("abc")).isInstanceOf(NumberFormatException.class);
    }
}
