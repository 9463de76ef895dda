package io.callgem.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link RecentIds} behaves as an insertion-ordered set that drops its oldest beyond capacity
 * (a {@code LinkedHashSet}, the reference), whatever the ids: outcome ids kept as two longs, any
 * other text, and look-alikes that must stay text (upper case, one digit short).
 */
class RecentIdsProperties {

    /** One step: add, look up, or remove an id. */
    record Op(int kind, String id) {
    }

    @Property(tries = 300)
    void behavesAsABoundedInsertionOrderedSet(@ForAll @IntRange(min = 1, max = 9) int capacity,
            @ForAll @IntRange(min = 1, max = 4) int firstSize, @ForAll("ops") List<Op> ops) {
        RecentIds ids = new RecentIds(capacity, firstSize);
        LinkedHashSet<String> reference = new LinkedHashSet<>();
        for (Op op : ops) {
            switch (op.kind()) {
                case 0, 1, 2 -> {
                    boolean added = reference.add(op.id());
                    if (added && reference.size() > capacity) {
                        Iterator<String> oldest = reference.iterator();
                        oldest.next();
                        oldest.remove();
                    }
                    assertThat(ids.add(op.id())).as("add %s", op.id()).isEqualTo(added);
                }
                case 3 -> assertThat(ids.contains(op.id())).as("contains %s", op.id())
                        .isEqualTo(reference.contains(op.id()));
                default -> assertThat(ids.removeAll(List.of(op.id()))).as("remove %s", op.id())
                        .isEqualTo(reference.remove(op.id()));
            }
            assertThat(ids.size()).isEqualTo(reference.size());
        }
        assertThat(ids.inOrder()).containsExactlyElementsOf(reference);
        for (Op op : ops) {
            assertThat(ids.contains(op.id())).isEqualTo(reference.contains(op.id()));
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        // few distinct ids, so that adds repeat, collide in the index and get evicted and re-added
        Arbitrary<String> outcomeIds = Arbitraries.of(pool(12, 1));
        Arbitrary<String> others = Arbitraries.of("a", "b", "keep", "failed", "",
                "0123456789ABCDEF0123456789abcdef", "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdeg");
        Arbitrary<String> id = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, outcomeIds), net.jqwik.api.Tuple.of(1, others));
        return Combinators.combine(Arbitraries.integers().between(0, 4), id).as(Op::new).list().ofMaxSize(80);
    }

    @Test
    void holdsItsCapacityOfOutcomeIdsNewestFirstOutThroughLongProbeChains() {
        int capacity = 5_000;
        RecentIds ids = new RecentIds(capacity);
        List<String> all = pool(3 * capacity, 7);
        for (String id : all) {
            assertThat(ids.add(id)).isTrue();
        }
        assertThat(ids.size()).isEqualTo(capacity);
        List<String> newest = all.subList(all.size() - capacity, all.size());
        assertThat(ids.inOrder()).containsExactlyElementsOf(newest);
        assertThat(newest).allMatch(ids::contains);
        assertThat(all.subList(0, all.size() - capacity)).noneMatch(ids::contains);
        assertThat(ids.add(newest.get(0))).isFalse();
    }

    @Test
    void idsWhoseHashesAreEqualAreStillTwoIds() {
        // the index compares the 32-bit hashes first: two outcome ids with the same one (found
        // among random ids, as a birthday collision) must still be told apart by their longs
        Map<Integer, String> byHash = new HashMap<>();
        String first = null;
        String second = null;
        for (String id : pool(400_000, 11)) {
            String other = byHash.putIfAbsent(RecentIds.hashOf(id), id);
            if (other != null && !other.equals(id)) {
                first = other;
                second = id;
                break;
            }
        }
        assertThat(first).as("a pair of ids with one hash among 400,000").isNotNull();
        RecentIds ids = new RecentIds(2, 1);
        assertThat(ids.add(first)).isTrue();
        assertThat(ids.contains(second)).isFalse();
        assertThat(ids.add(second)).isTrue();
        assertThat(ids.add(first)).isFalse();
        assertThat(ids.inOrder()).containsExactly(first, second);
        assertThat(ids.add(pool(1, 3).get(0))).isTrue();   // the oldest, first, goes
        assertThat(ids.contains(first)).isFalse();
        assertThat(ids.contains(second)).isTrue();
        assertThat(ids.removeAll(List.of(second))).isTrue();
        assertThat(ids.contains(second)).isFalse();
    }

    @Test
    void onlyLowerCaseOutcomeIdsArePacked() {
        assertThat(RecentIds.isOutcomeId("0123456789abcdef0123456789abcdef")).isTrue();
        assertThat(RecentIds.isOutcomeId("0123456789ABCDEF0123456789abcdef")).isFalse();
        assertThat(RecentIds.isOutcomeId("0123456789abcdef0123456789abcde")).isFalse();
        assertThat(RecentIds.isOutcomeId("0123456789abcdef0123456789abcdeg")).isFalse();
    }

    private static List<String> pool(int n, long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>(n);
        byte[] bytes = new byte[16];
        for (int i = 0; i < n; i++) {
            random.nextBytes(bytes);
            ids.add(HexFormat.of().formatHex(bytes));
        }
        return ids;
    }
}
