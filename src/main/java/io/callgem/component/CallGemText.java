package io.callgem.component;

/** Size-limits payload text before it goes into a log line or an exception message. */
final class CallGemText {

    static final int MAX_LOGGED_CHARS = 200;

    private CallGemText() {
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String printable = text.replace('\0', '␀').replace("\r", "\\r").replace("\n", "\\n");
        if (printable.length() <= MAX_LOGGED_CHARS) {
            return printable;
        }
        return printable.substring(0, MAX_LOGGED_CHARS) + "... (" + text.length() + " chars)";
    }
}
