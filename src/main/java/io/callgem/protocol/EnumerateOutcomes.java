package io.callgem.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * EO, the subscription request (protocol brief, "Subscribing"):
 * {@code EO\TX<tx>\CN<campaign>\TD<tenant>\FO\SO\CS<rate>\PS<token>}.
 * CallGem rejects parameters it does not expect, so absent values are not written at all.
 *
 * @param rate         CS, or null
 * @param persistToken PS, or null; lets CallGem buffer and replay outcomes across reconnects
 */
public record EnumerateOutcomes(String transactionId, String campaign, String tenant,
                                boolean failures, boolean successes, Integer rate, String persistToken) {

    public SdmpMessage toMessage() {
        List<Parameter> p = new ArrayList<>(7);
        Replies.add(p, "TX", transactionId);
        Replies.add(p, "CN", campaign);
        Replies.add(p, "TD", tenant);
        if (failures) {
            p.add(Parameter.flag("FO"));
        }
        if (successes) {
            p.add(Parameter.flag("SO"));
        }
        Replies.add(p, "CS", rate == null ? null : rate.toString());
        Replies.add(p, "PS", persistToken);
        return new SdmpMessage(null, "EO", p);
    }

    /** Reads an EO as CallGem (or the simulator) receives it; a missing TX gives a null transactionId. */
    public static EnumerateOutcomes from(SdmpMessage eo) {
        Replies.expect(eo, "EO");
        return new EnumerateOutcomes(eo.get("TX"), eo.get("CN"), eo.get("TD"), eo.has("FO"), eo.has("SO"),
                Replies.integer(eo.get("CS")), eo.get("PS"));
    }
}
