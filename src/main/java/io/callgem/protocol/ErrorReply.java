package io.callgem.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * ER, CallGem's rejection of a request: {@code ER\TX<tx>\EC<code>\FM"<text>"}
 * (e.g. EC803 = TX missing). The FM text is quoted on the wire and may hold backslashes.
 *
 * @param code EC, or {@link #NO_CODE} when absent or not a number
 * @param text FM without its quotes, or null
 */
public record ErrorReply(String transactionId, int code, String text) {

    public static final int NO_CODE = -1;
    /** EC for a request without TX. */
    public static final int TX_MISSING = 803;

    public SdmpMessage toMessage() {
        List<Parameter> p = new ArrayList<>(3);
        Replies.add(p, "TX", transactionId);
        if (code != NO_CODE) {
            p.add(new Parameter("EC", Integer.toString(code)));
        }
        Replies.add(p, "FM", text);
        return new SdmpMessage(null, "ER", p);
    }

    public static ErrorReply from(SdmpMessage er) {
        Replies.expect(er, "ER");
        Integer code = Replies.integer(er.get("EC"));
        return new ErrorReply(er.get("TX"), code == null ? NO_CODE : code, er.get("FM"));
    }
}
