package io.callgem.protocol;

import java.util.ArrayList;
import java.util.List;

/** EF, CallGem's answer to EE: {@code EF\TX<tx>}. */
public record EnumerationFinished(String transactionId) {

    public SdmpMessage toMessage() {
        List<Parameter> p = new ArrayList<>(1);
        Replies.add(p, "TX", transactionId);
        return new SdmpMessage(null, "EF", p);
    }

    public static EnumerationFinished from(SdmpMessage ef) {
        Replies.expect(ef, "EF");
        return new EnumerationFinished(ef.get("TX"));
    }
}
