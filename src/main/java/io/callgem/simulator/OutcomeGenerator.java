package io.callgem.simulator;

import io.callgem.protocol.LineOfBusinessData;
import io.callgem.protocol.Outcome;
import io.callgem.protocol.ReasonCode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Realistic outcomes of a dialer, the same for the same seed and start time.
 *
 * <p>Mix: about 5% inbound calls (IB, QN), 2% preview records the agent rejected (DD, RE 0),
 * the rest outbound dials whose RE follows a typical predictive campaign: mostly no answer,
 * answering machines and busy, about a fifth live calls (RE 10) with an agent (AN, AG), a
 * disposition (AO) and recording tags (T1-T3). Dialled calls carry X1 &lt;= X2 &lt;= X3 &lt;= X4
 * &lt;= TS. About 60% carry DT in the legacy {@code KEY~N~value} form, 30% as Campaign Manager
 * XML. Campaign and tenant are drawn independently (every tenant runs every campaign).
 *
 * <p>The simulated clock starts at {@code startTime} and advances {@code spacing} per outcome;
 * the generated outcomes have no transaction id (the simulator sets each subscription's TX).
 * Session ids (SI) are unique per generator: a prefix derived from seed and start time, then
 * a sequence number. Thread-safe.
 */
public final class OutcomeGenerator {

    /** RE of an outbound dial and its weight in 1000. */
    private static final int[][] OUTBOUND_REASONS = {
            {2, 280}, {5, 170}, {10, 220}, {1, 100}, {20, 50}, {6, 30}, {7, 20}, {27, 20}, {26, 20},
            {31, 20}, {3, 15}, {21, 10}, {24, 10}, {30, 10}, {4, 5}, {8, 5}, {22, 5}, {23, 5}, {25, 5}};
    private static final int[] DISPOSITIONS = {100, 101, 102, 110, 120, 130, 167, 200, 210, 300};
    private static final int CALLBACK_DISPOSITION = 110;
    private static final String[] FIRST_NAMES = {"Ann", "Bob", "Chen", "Dana", "Emeka", "Farah", "Gus", "Hana",
            "Ivan", "Jo", "Kai", "Lena", "Mo", "Nia", "Omar", "Pia"};
    private static final String[] LAST_NAMES = {"Lee", "Smith", "Okafor", "Garcia", "Novak", "Khan", "Berg",
            "Rossi", "Tanaka", "Murphy", "Silva", "Meyer"};
    private static final String[] PRODUCTS = {"Broadband", "Mobile", "TV", "Energy", "Insurance"};
    private static final int AGENTS_PER_TENANT = 24;

    private final SplittableRandom random;
    private final List<String> campaigns;
    private final List<String> tenants;
    private final Instant startTime;
    private final long spacingNanos;
    private final String sessionPrefix;
    private long generated;

    /**
     * @param seed seed of the random choices
     * @param campaigns campaign names to draw from (at least one)
     * @param tenants tenants to draw from; empty = outcomes carry no TD
     * @param startTime simulated time (TS) of the first outcome
     * @param spacing simulated time between two outcomes
     */
    public OutcomeGenerator(long seed, List<String> campaigns, List<String> tenants, Instant startTime,
            Duration spacing) {
        if (campaigns.isEmpty()) {
            throw new IllegalArgumentException("at least one campaign is needed");
        }
        this.random = new SplittableRandom(seed);
        this.campaigns = List.copyOf(campaigns);
        this.tenants = List.copyOf(tenants);
        this.startTime = startTime.truncatedTo(ChronoUnit.MILLIS);
        this.spacingNanos = Math.max(1, spacing.toNanos());
        long mixed = new SplittableRandom(seed ^ startTime.toEpochMilli()).nextLong();
        this.sessionPrefix = Long.toString(mixed >>> 28, 36).toUpperCase(Locale.ROOT);
    }

    /** Outcomes generated so far. */
    public synchronized long generated() {
        return generated;
    }

    /** The next {@code n} outcomes. */
    public synchronized List<Outcome> next(int n) {
        List<Outcome> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /** The next outcome. */
    public synchronized Outcome next() {
        long seq = ++generated;
        Instant ts = startTime.plusNanos(spacingNanos * (seq - 1)).truncatedTo(ChronoUnit.MILLIS);
        String campaign = campaigns.get(random.nextInt(campaigns.size()));
        String tenant = tenants.isEmpty() ? null : tenants.get(random.nextInt(tenants.size()));
        String sessionId = sessionPrefix + "-" + zeroPadded(seq, 10);
        int kind = random.nextInt(1000);
        if (kind < 50) {
            return inbound(ts, campaign, tenant, sessionId);
        } else if (kind < 70) {
            return previewRejected(ts, campaign, tenant, sessionId);
        }
        return outbound(ts, campaign, tenant, sessionId);
    }

    private Outcome outbound(Instant ts, String campaign, String tenant, String sessionId) {
        int reason = weighted(OUTBOUND_REASONS);
        boolean live = ReasonCode.isLive(reason);
        String national = nationalNumber();
        String agent = null;
        String agentAlternative = null;
        Integer disposition = null;
        Map<String, String> tags = Map.of();
        if (live) {
            agent = agent(tenant);
            agentAlternative = "ext" + (2000 + random.nextInt(800));
            disposition = DISPOSITIONS[random.nextInt(DISPOSITIONS.length)];
            tags = recordingTags(sessionId, agent);
        }
        Instant x1 = null, x2 = null, x3 = null, x4 = null;
        if (reason != 0) {
            // Work back from TS: processing, talk (or hang-up) time, ringing, alerting.
            x4 = ts.minusMillis(20 + random.nextInt(800));
            x3 = x4.minusMillis(talkMillis(reason));
            x2 = x3.minusMillis(ringMillis(reason));
            x1 = x2.minusMillis(200 + random.nextInt(2800));
        }
        boolean retry = retryAdvised(reason) || (live && disposition == CALLBACK_DISPOSITION);
        return new Outcome(null, campaign, tenant, sessionId, groupAddress(tenant, campaign), agent,
                agentAlternative, disposition, reason, ReasonCode.text(reason), live, "90" + national,
                "+44" + national, listId(campaign), null, false, false, retry, ts, x1, x2, x3, x4, tags,
                lineOfBusinessData(), Map.of(), List.of());
    }

    private Outcome inbound(Instant ts, String campaign, String tenant, String sessionId) {
        int roll = random.nextInt(100);
        int reason = roll < 80 ? 10 : roll < 92 ? 7 : 31;
        boolean live = ReasonCode.isLive(reason);
        Instant x4 = ts.minusMillis(20 + random.nextInt(800));
        Instant x3 = x4.minusMillis(live ? 30_000 + random.nextInt(570_000) : random.nextInt(1500));
        Instant x2 = live ? x3.minusMillis(1000 + random.nextInt(5000)) : null;
        Instant x1 = (live ? x2 : x3).minusMillis(2000 + random.nextInt(90_000));
        String agent = live ? agent(tenant) : null;
        String agentAlternative = live ? "ext" + (2000 + random.nextInt(800)) : null;
        Integer disposition = live ? DISPOSITIONS[random.nextInt(DISPOSITIONS.length)] : null;
        Map<String, String> tags = live ? recordingTags(sessionId, agent) : Map.of();
        return new Outcome(null, campaign, tenant, sessionId, groupAddress(tenant, campaign), agent,
                agentAlternative, disposition, reason, ReasonCode.text(reason), live, "0800" + digits(6),
                "+44" + nationalNumber(), null, campaign + "-Queue", true, false, false, ts, x1, x2, x3, x4,
                tags, random.nextInt(2) == 0 ? lineOfBusinessData() : null, Map.of(), List.of());
    }

    private Outcome previewRejected(Instant ts, String campaign, String tenant, String sessionId) {
        String national = nationalNumber();
        return new Outcome(null, campaign, tenant, sessionId, groupAddress(tenant, campaign), agent(tenant),
                null, null, 0, ReasonCode.text(0), false, "90" + national, "+44" + national,
                listId(campaign), null, false, true, false, ts, null, null, null, null, Map.of(),
                lineOfBusinessData(), Map.of(), List.of());
    }

    private int weighted(int[][] table) {
        int roll = random.nextInt(1000);
        for (int[] entry : table) {
            roll -= entry[1];
            if (roll < 0) {
                return entry[0];
            }
        }
        return table[0][0];
    }

    /** Time from answer/result (X3) to trunk disconnect (X4). */
    private long talkMillis(int reason) {
        return switch (reason) {
            case 10 -> 20_000 + random.nextInt(580_000);
            case 5 -> random.nextInt(15_000);
            case 27, 7 -> 500 + random.nextInt(4_000);
            default -> random.nextInt(2_000);
        };
    }

    /** Time from alerting (X2) to result (X3). */
    private long ringMillis(int reason) {
        return switch (reason) {
            case 2 -> 20_000 + random.nextInt(10_000);
            case 10, 7, 27, 31 -> 3_000 + random.nextInt(17_000);
            case 5 -> 8_000 + random.nextInt(17_000);
            default -> random.nextInt(1_500);
        };
    }

    private static boolean retryAdvised(int reason) {
        return switch (reason) {
            case 1, 2, 5, 6, 7, 8, 26, 27, 31 -> true;
            default -> false;
        };
    }

    private String agent(String tenant) {
        String prefix = tenant == null ? "agent" : tenant;
        return prefix + "-" + zeroPadded(1 + random.nextInt(AGENTS_PER_TENANT), 2);
    }

    private static String groupAddress(String tenant, String campaign) {
        return tenant == null ? campaign + ".agents" : tenant + "." + campaign + ".agents";
    }

    private String listId(String campaign) {
        return campaign + "-L" + (1 + random.nextInt(4));
    }

    private Map<String, String> recordingTags(String sessionId, String agent) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("T1", "REC-" + sessionId);
        tags.put("T2", agent);
        if (random.nextInt(3) == 0) {
            tags.put("T3", "consent=yes");
        }
        return Collections.unmodifiableMap(tags);
    }

    private LineOfBusinessData lineOfBusinessData() {
        int form = random.nextInt(10);
        if (form == 9) {
            return null;
        }
        String account = digits(8);
        String name = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " "
                + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
        int cents = random.nextInt(100);
        String balance = random.nextInt(2000) + (cents < 10 ? ".0" : ".") + cents;
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccountNo", account);
        fields.put("Name", name);
        fields.put("Product", product);
        fields.put("Balance", balance);
        String raw;
        if (form < 6) {
            raw = legacyField("AccountNo", account) + "~" + legacyField("Name", name) + "~"
                    + legacyField("Product", product) + "~" + legacyField("Balance", balance);
        } else {
            raw = "<MagicXMLDocument xmlns=\"http://www.sytelco.com/SCC/CM\"><r>"
                    + "<c n=\"AccountNo\" m=\"true\" d=\"" + account + "\"/>"
                    + "<c n=\"Name\" d=\"" + name + "\"/>"
                    + "<c n=\"Product\" d=\"" + product + "\"/>"
                    + "<c n=\"Balance\" m=\"" + (random.nextInt(4) == 0) + "\" d=\"" + balance + "\"/>"
                    + "</r></MagicXMLDocument>";
        }
        // Built directly: parsing here would cost more than everything else together.
        return new LineOfBusinessData(raw, fields, null);
    }

    private static String zeroPadded(long n, int width) {
        String digits = Long.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static String legacyField(String key, String value) {
        return key + "~" + value.length() + "~" + value;
    }

    private String nationalNumber() {
        return "20" + digits(8);
    }

    private String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }
}
