package io.callgem.simulator;

import io.callgem.protocol.Outcome;
import io.callgem.protocol.OutcomeReader;
import io.callgem.protocol.OutcomeWriter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeGeneratorTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final List<String> CAMPAIGNS = List.of("Sales1", "Sales2", "Support");
    private static final List<String> TENANTS = List.of("acme", "globex", "initech");

    private static List<Outcome> generate(long seed, int n) {
        return new OutcomeGenerator(seed, CAMPAIGNS, TENANTS, START, Duration.ofMillis(50)).next(n);
    }

    @Test
    void sameSeedGivesTheSameOutcomes() {
        assertThat(generate(42, 2000)).isEqualTo(generate(42, 2000));
    }

    @Test
    void anotherSeedGivesOtherOutcomes() {
        List<Outcome> a = generate(42, 200);
        List<Outcome> b = generate(43, 200);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.stream().map(Outcome::sessionId)).doesNotContainAnyElementsOf(
                b.stream().map(Outcome::sessionId).toList());
    }

    @Test
    void everyOutcomeIsValidOnTheWireAndReadsBackEqual() throws Exception {
        OutcomeWriter writer = new OutcomeWriter(ZoneOffset.UTC);
        OutcomeReader strict = new OutcomeReader(ZoneOffset.UTC, true);
        for (Outcome o : generate(7, 5000)) {
            Outcome withTx = o.toBuilder().transactionId("EOSales1").build();
            assertThat(strict.read(writer.write(withTx))).isEqualTo(withTx);
        }
    }

    @Test
    void sessionIdsAreUniqueAndTimestampsAdvanceBySpacing() {
        List<Outcome> outcomes = generate(9, 10_000);
        assertThat(new HashSet<>(outcomes.stream().map(Outcome::sessionId).toList())).hasSize(10_000);
        assertThat(outcomes.get(0).timestamp()).isEqualTo(START);
        assertThat(outcomes.get(9_999).timestamp()).isEqualTo(START.plusMillis(50L * 9_999));
    }

    @Test
    void callTimesAreInOrder() {
        for (Outcome o : generate(11, 5000)) {
            List<Instant> times = new java.util.ArrayList<>();
            for (Instant t : new Instant[] {o.callLaunchedAt(), o.callAlertingAt(), o.callResultAt(),
                    o.trunkDisconnectedAt(), o.timestamp()}) {
                if (t != null) {
                    times.add(t);
                }
            }
            for (int i = 1; i < times.size(); i++) {
                if (times.get(i).isBefore(times.get(i - 1))) {
                    throw new AssertionError("call times out of order: " + o);
                }
            }
        }
    }

    @Test
    void theMixLooksLikeADialer() {
        List<Outcome> outcomes = generate(3, 20_000);
        Map<Integer, Long> byReason = outcomes.stream()
                .collect(Collectors.groupingBy(Outcome::reason, Collectors.counting()));
        // no answer is the most common result, live calls about a fifth
        assertThat(byReason.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey())
                .isEqualTo(2);
        assertThat(byReason.get(10)).isBetween(3_000L, 6_000L);
        assertThat(byReason.get(5)).isGreaterThan(2_000L);
        assertThat(byReason.get(1)).isGreaterThan(1_000L);

        assertThat(outcomes).filteredOn(Outcome::liveCall).allSatisfy(o -> {
            assertThat(o.agent()).isNotNull();
            assertThat(o.agentOutcome()).isNotNull();
            assertThat(o.recordingTags()).containsKey("T1");
        });
        assertThat(outcomes).filteredOn(Outcome::inbound).isNotEmpty()
                .allSatisfy(o -> assertThat(o.queue()).isNotNull());
        assertThat(outcomes).filteredOn(Outcome::dontDial).isNotEmpty()
                .allSatisfy(o -> assertThat(o.reason()).isZero());
        assertThat(outcomes).filteredOn(Outcome::retryAdvised).isNotEmpty();

        Map<String, Long> dataForms = outcomes.stream().collect(Collectors.groupingBy(o -> o.data() == null ? "none"
                : o.data().raw().startsWith("<") ? "xml" : "legacy", Collectors.counting()));
        assertThat(dataForms).containsKeys("none", "xml", "legacy");
        assertThat(outcomes).filteredOn(o -> o.data() != null).allSatisfy(o -> {
            assertThat(o.data().problem()).isNull();
            assertThat(o.data().fields()).containsKeys("AccountNo", "Name");
        });
        Map<String, Long> perTenant = outcomes.stream()
                .collect(Collectors.groupingBy(Outcome::tenant, Collectors.counting()));
        assertThat(perTenant).containsOnlyKeys(TENANTS);
        assertThat(outcomes.stream().collect(Collectors.groupingBy(Outcome::campaign, Collectors.counting())))
                .containsOnlyKeys(CAMPAIGNS);
    }

    @Test
    void withoutTenantsOutcomesCarryNoTd() {
        List<Outcome> outcomes = new OutcomeGenerator(1, List.of("Only"), List.of(), START, Duration.ofSeconds(1))
                .next(50);
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.tenant()).isNull();
            assertThat(o.campaign()).isEqualTo("Only");
        });
        assertThat(outcomes.stream().map(Outcome::groupAddress).collect(Collectors.toSet()))
                .containsExactly("Only.agents");
        assertThat(outcomes.stream().collect(Collectors.groupingBy(Function.identity()))).hasSize(50);
    }
}
