package io.callgem.component;

/**
 * A frame arrived that is not a well-formed SDMP message. The exchange body is the raw frame text.
 */
public class CallGemMalformedFrameException extends CallGemException {

    private final String raw;

    public CallGemMalformedFrameException(String raw, String error) {
        super("Malformed SDMP frame: " + error + " (frame: " + CallGemText.abbreviate(raw) + ")");
        this.raw = raw;
    }

    /** The frame as received, without its terminator. */
    public String getRaw() {
        return raw;
    }
}
