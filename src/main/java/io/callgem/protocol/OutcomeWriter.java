package io.callgem.protocol;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an {@link Outcome} as an OZ message, for the simulator and tests. Null fields and false
 * flags are left out; dates are written by {@link OleDate#format} so that
 * {@code reader.read(writer.write(o))} equals {@code o} for every valid outcome.
 * reasonText, liveCall and problems are derived on reading and not written. Thread-safe.
 */
public final class OutcomeWriter {

    private final ZoneId oleZone;

    public OutcomeWriter() {
        this(ZoneOffset.UTC);
    }

    public OutcomeWriter(ZoneId oleZone) {
        this.oleZone = Objects.requireNonNull(oleZone, "oleZone");
    }

    public SdmpMessage write(Outcome o) {
        List<Parameter> p = new ArrayList<>(24);
        add(p, "TX", o.transactionId());
        add(p, "CN", o.campaign());
        add(p, "TD", o.tenant());
        add(p, "SI", o.sessionId());
        add(p, "GA", o.groupAddress());
        add(p, "AN", o.agent());
        add(p, "AG", o.agentAlternative());
        add(p, "AO", o.agentOutcome() == null ? null : o.agentOutcome().toString());
        add(p, "RE", o.reason() == null ? null : o.reason().toString());
        add(p, "DN", o.dialedNumber());
        add(p, "TN", o.telephoneNumber());
        add(p, "LI", o.listId());
        add(p, "QN", o.queue());
        flag(p, "IB", o.inbound());
        flag(p, "DD", o.dontDial());
        flag(p, "RA", o.retryAdvised());
        date(p, "TS", o.timestamp());
        date(p, "X1", o.callLaunchedAt());
        date(p, "X2", o.callAlertingAt());
        date(p, "X3", o.callResultAt());
        date(p, "X4", o.trunkDisconnectedAt());
        for (Map.Entry<String, String> tag : o.recordingTags().entrySet()) {
            add(p, tag.getKey(), tag.getValue());
        }
        if (o.data() != null) {
            add(p, "DT", o.data().raw());
        }
        for (Map.Entry<String, String> e : o.extra().entrySet()) {
            if (OutcomeReader.Code.of(e.getKey()) == null) {   // a known code there would shadow the typed field
                add(p, e.getKey(), e.getValue());
            }
        }
        return new SdmpMessage(null, "OZ", p);
    }

    private static void add(List<Parameter> p, String code, String value) {
        if (value != null) {
            p.add(new Parameter(code, value));
        }
    }

    private static void flag(List<Parameter> p, String code, boolean on) {
        if (on) {
            p.add(Parameter.flag(code));
        }
    }

    private void date(List<Parameter> p, String code, Instant at) {
        if (at != null) {
            p.add(new Parameter(code, OleDate.format(at, oleZone)));
        }
    }
}
