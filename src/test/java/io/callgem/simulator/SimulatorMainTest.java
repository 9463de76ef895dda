package io.callgem.simulator;

import io.callgem.protocol.CallGemCharset;
import io.callgem.protocol.Terminator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorMainTest {

    @Test
    void defaultsListenOnBothConventionalPorts() {
        SimulatorSettings s = SimulatorMain.parse(new String[0]).settings();
        assertThat(s.listeners()).containsExactly(
                new SimulatorSettings.Listener(6502, CallGemCharset.ASCII),
                new SimulatorSettings.Listener(6500, CallGemCharset.UTF_16LE));
        assertThat(s.campaigns()).containsExactly("Sales1", "Sales2", "Support");
        assertThat(s.tenants()).containsExactly("acme", "globex", "initech");
        assertThat(s.ratePerSecond()).isEqualTo(10);
        assertThat(s.count()).isEqualTo(-1);
        assertThat(s.faults()).isEqualTo(Faults.none());
    }

    @Test
    void optionsSetTheSettings() {
        SimulatorMain.Options o = SimulatorMain.parse(new String[] {"--port", "7000", "--charset=utf-16le",
                "--rate", "0", "--count", "200000", "--seed", "42", "--campaigns", "A, B", "--tenants", "t1",
                "--terminator", "crlf", "--history", "50", "--sever-after", "100", "--refuse-after-sever", "5s",
                "--malformed-every", "7", "--split-writes", "--stall-after", "3", "--stall-for", "500ms",
                "--replay-overlap", "4", "--status-every", "0", "--host", "0.0.0.0"});
        SimulatorSettings s = o.settings();
        assertThat(s.listeners()).containsExactly(new SimulatorSettings.Listener(7000, CallGemCharset.UTF_16LE));
        assertThat(s.host()).isEqualTo("0.0.0.0");
        assertThat(s.ratePerSecond()).isZero();
        assertThat(s.count()).isEqualTo(200_000);
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.campaigns()).isEqualTo(List.of("A", "B"));
        assertThat(s.tenants()).isEqualTo(List.of("t1"));
        assertThat(s.terminator()).isEqualTo(Terminator.CRLF);
        assertThat(s.historyBound()).isEqualTo(50);
        assertThat(s.faults()).isEqualTo(new Faults(100, Duration.ofSeconds(5), 7, true, 3, Duration.ofMillis(500), 4));
        assertThat(o.statusEvery()).isZero();
    }

    @Test
    void charsetAloneUsesItsConventionalPort() {
        assertThat(SimulatorMain.parse(new String[] {"--charset", "utf-16le"}).settings().listeners())
                .containsExactly(new SimulatorSettings.Listener(6500, CallGemCharset.UTF_16LE));
        assertThat(SimulatorMain.parse(new String[] {"--port", "0"}).settings().listeners())
                .containsExactly(new SimulatorSettings.Listener(0, CallGemCharset.ASCII));
    }

    @Test
    void badOptionsAreReported() {
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--bogus", "1"})).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--rate", "fast"})).hasMessageContaining("--rate");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--port"})).hasMessageContaining("--port");
    }

    @Test
    void durations() {
        assertThat(SimulatorMain.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(SimulatorMain.duration("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(SimulatorMain.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(SimulatorMain.duration("PT1H")).isEqualTo(Duration.ofHours(1));
    }
}
