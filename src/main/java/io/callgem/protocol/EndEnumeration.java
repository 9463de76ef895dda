package io.callgem.protocol;

import java.util.ArrayList;
import java.util.List;

/** EE, ends a subscription: {@code EE\TX<same tx>} with an optional TD; CallGem answers EF. */
public record EndEnumeration(String transactionId, String tenant) {

    public SdmpMessage toMessage() {
        List<Parameter> p = new ArrayList<>(2);
        Replies.add(p, "TX", transactionId);
        Replies.add(p, "TD", tenant);
        return new SdmpMessage(null, "EE", p);
    }

    public static EndEnumeration from(SdmpMessage ee) {
        Replies.expect(ee, "EE");
        return new EndEnumeration(ee.get("TX"), ee.get("TD"));
    }
}
