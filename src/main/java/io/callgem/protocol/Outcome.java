package io.callgem.protocol;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One OZ outcome, typed (protocol brief, "Outcome Data [OZ]"). Immutable. Built by
 * {@link OutcomeReader} from the wire, or by {@link #builder()} (simulator, tests).
 * Fields are null when their parameter was absent or (lenient mode) unusable; flags are false
 * when absent. {@code problems} lists every rule the message broke, each naming the parameter.
 * Note that TX is the subscription's id, not unique per outcome.
 */
public record Outcome(String transactionId, String campaign, String tenant, String sessionId,
                      String groupAddress, String agent, String agentAlternative, Integer agentOutcome,
                      Integer reason, String reasonText, boolean liveCall, String dialedNumber,
                      String telephoneNumber, String listId, String queue, boolean inbound, boolean dontDial,
                      boolean retryAdvised, Instant timestamp, Instant callLaunchedAt, Instant callAlertingAt,
                      Instant callResultAt, Instant trunkDisconnectedAt,
                      Map<String, String> recordingTags,
                      LineOfBusinessData data,
                      Map<String, String> extra,
                      List<String> problems) {

    private static final Class<?> IMMUTABLE_MAP1 = Map.of("", "").getClass();

    public Outcome {
        recordingTags = orderedCopy(recordingTags);
        extra = orderedCopy(extra);
        problems = problems == null || problems.isEmpty() ? List.of() : List.copyOf(problems);
    }

    /** True when the message broke no rule of the spec table. */
    public boolean valid() {
        return problems.isEmpty();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.transactionId = transactionId;
        b.campaign = campaign;
        b.tenant = tenant;
        b.sessionId = sessionId;
        b.groupAddress = groupAddress;
        b.agent = agent;
        b.agentAlternative = agentAlternative;
        b.agentOutcome = agentOutcome;
        b.reason = reason;
        b.reasonText = reasonText;
        b.liveCall = liveCall;
        b.dialedNumber = dialedNumber;
        b.telephoneNumber = telephoneNumber;
        b.listId = listId;
        b.queue = queue;
        b.inbound = inbound;
        b.dontDial = dontDial;
        b.retryAdvised = retryAdvised;
        b.timestamp = timestamp;
        b.callLaunchedAt = callLaunchedAt;
        b.callAlertingAt = callAlertingAt;
        b.callResultAt = callResultAt;
        b.trunkDisconnectedAt = trunkDisconnectedAt;
        b.recordingTags.putAll(recordingTags);
        b.data = data;
        b.extra.putAll(extra);
        b.problems = problems;
        return b;
    }

    private static Map<String, String> orderedCopy(Map<String, String> m) {
        if (m == null || m.isEmpty()) {
            return Map.of();
        }
        if (m.getClass() == IMMUTABLE_MAP1) {   // Map.of(k, v) is immutable already
            return m;
        }
        if (m.size() == 1) {   // common case (one tag, one unknown code): an immutable Map.of, no hash table
            Map.Entry<String, String> e = m.entrySet().iterator().next();
            if (e.getKey() != null && e.getValue() != null) {
                return Map.of(e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /**
     * Builds outcomes for the simulator and tests. {@link #reason(Integer)} also sets reasonText
     * and liveCall from {@link ReasonCode}. {@link #build()} does not validate; to validate,
     * write it with {@link OutcomeWriter} and read it back.
     */
    public static final class Builder {
        private String transactionId;
        private String campaign;
        private String tenant;
        private String sessionId;
        private String groupAddress;
        private String agent;
        private String agentAlternative;
        private Integer agentOutcome;
        private Integer reason;
        private String reasonText;
        private boolean liveCall;
        private String dialedNumber;
        private String telephoneNumber;
        private String listId;
        private String queue;
        private boolean inbound;
        private boolean dontDial;
        private boolean retryAdvised;
        private Instant timestamp;
        private Instant callLaunchedAt;
        private Instant callAlertingAt;
        private Instant callResultAt;
        private Instant trunkDisconnectedAt;
        private final Map<String, String> recordingTags = new LinkedHashMap<>();
        private LineOfBusinessData data;
        private final Map<String, String> extra = new LinkedHashMap<>();
        private List<String> problems = List.of();

        private Builder() {
        }

        public Builder transactionId(String v) { transactionId = v; return this; }
        public Builder campaign(String v) { campaign = v; return this; }
        public Builder tenant(String v) { tenant = v; return this; }
        public Builder sessionId(String v) { sessionId = v; return this; }
        public Builder groupAddress(String v) { groupAddress = v; return this; }
        public Builder agent(String v) { agent = v; return this; }
        public Builder agentAlternative(String v) { agentAlternative = v; return this; }
        public Builder agentOutcome(Integer v) { agentOutcome = v; return this; }

        /** Sets RE and, from it, reasonText and liveCall (both cleared when null). */
        public Builder reason(Integer v) {
            reason = v;
            reasonText = v == null ? null : ReasonCode.text(v);
            liveCall = v != null && ReasonCode.isLive(v);
            return this;
        }

        public Builder reasonText(String v) { reasonText = v; return this; }
        public Builder liveCall(boolean v) { liveCall = v; return this; }
        public Builder dialedNumber(String v) { dialedNumber = v; return this; }
        public Builder telephoneNumber(String v) { telephoneNumber = v; return this; }
        public Builder listId(String v) { listId = v; return this; }
        public Builder queue(String v) { queue = v; return this; }
        public Builder inbound(boolean v) { inbound = v; return this; }
        public Builder dontDial(boolean v) { dontDial = v; return this; }
        public Builder retryAdvised(boolean v) { retryAdvised = v; return this; }
        public Builder timestamp(Instant v) { timestamp = v; return this; }
        public Builder callLaunchedAt(Instant v) { callLaunchedAt = v; return this; }
        public Builder callAlertingAt(Instant v) { callAlertingAt = v; return this; }
        public Builder callResultAt(Instant v) { callResultAt = v; return this; }
        public Builder trunkDisconnectedAt(Instant v) { trunkDisconnectedAt = v; return this; }

        /** Sets tag T{@code n} (1-6); null removes it. */
        public Builder recordingTag(int n, String v) {
            if (n < 1 || n > 6) {
                throw new IllegalArgumentException("recording tags are T1..T6, not T" + n);
            }
            String key = "T" + n;
            if (v == null) {
                recordingTags.remove(key);
            } else {
                recordingTags.put(key, v);
            }
            return this;
        }

        public Builder data(LineOfBusinessData v) { data = v; return this; }

        /** Parses {@code raw} as DT; null removes the data. */
        public Builder data(String raw) { data = raw == null ? null : LineOfBusinessData.parse(raw); return this; }

        public Builder extra(String code, String value) { extra.put(code, value); return this; }
        public Builder problems(List<String> v) { problems = v; return this; }

        public Outcome build() {
            // tags kept in T1..T6 order whatever order they were set in
            Map<String, String> tags = new LinkedHashMap<>();
            for (int i = 1; i <= 6; i++) {
                String v = recordingTags.get("T" + i);
                if (v != null) {
                    tags.put("T" + i, v);
                }
            }
            return new Outcome(transactionId, campaign, tenant, sessionId, groupAddress, agent,
                    agentAlternative, agentOutcome, reason, reasonText, liveCall, dialedNumber,
                    telephoneNumber, listId, queue, inbound, dontDial, retryAdvised, timestamp,
                    callLaunchedAt, callAlertingAt, callResultAt, trunkDisconnectedAt, tags, data,
                    extra, problems);
        }
    }
}
