package io.callgem.protocol;

/** RE dialing-cycle outcomes (protocol brief, "RE reason codes"); texts exactly as listed there. */
public final class ReasonCode {

    public static final int CONNECTED = 10;
    public static final String UNKNOWN = "unknown";

    private static final String[] TEXTS = new String[33];

    static {
        TEXTS[0] = "not made";
        TEXTS[1] = "busy";
        TEXTS[2] = "no answer";
        TEXTS[3] = "fax";
        TEXTS[4] = "modem";
        TEXTS[5] = "answering machine";
        TEXTS[6] = "call failure";
        TEXTS[7] = "abandoned";
        TEXTS[8] = "interrupted by telephony";
        TEXTS[10] = "connected";
        TEXTS[20] = "number unobtainable";
        TEXTS[21] = "out of order";
        TEXTS[22] = "number changed";
        TEXTS[23] = "incoming calls barred";
        TEXTS[24] = "rejected";
        TEXTS[25] = "not in use";
        TEXTS[26] = "fast busy";
        TEXTS[27] = "hi and dry";
        TEXTS[30] = "other";
        TEXTS[31] = "called party hang-up";
        TEXTS[32] = "agent for callback not logged in";
    }

    private ReasonCode() {
    }

    /** The listed text, or "unknown" for codes a site added. */
    public static String text(int code) {
        String t = code >= 0 && code < TEXTS.length ? TEXTS[code] : null;
        return t == null ? UNKNOWN : t;
    }

    public static boolean isKnown(int code) {
        return code >= 0 && code < TEXTS.length && TEXTS[code] != null;
    }

    /** Only "connected" is a live conversation; "hi and dry" connected but found no agent. */
    public static boolean isLive(int code) {
        return code == CONNECTED;
    }
}
