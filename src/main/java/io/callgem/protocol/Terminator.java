package io.callgem.protocol;

/** What {@link SdmpFrameEncoder} writes after each message; the decoder accepts all of them. */
public enum Terminator {
    NUL("\0"),
    CRLF("\r\n"),
    LF("\n");

    private final String text;

    Terminator(String text) {
        this.text = text;
    }

    /** The terminator as characters; the encoder writes it in the channel's charset. */
    public String text() {
        return text;
    }

    /** "nul", "crlf", "lf" (any case). */
    public static Terminator of(String name) {
        for (Terminator t : values()) {
            if (t.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown terminator '" + name + "', expected nul, crlf or lf");
    }
}
