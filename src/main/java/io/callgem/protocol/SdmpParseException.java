package io.callgem.protocol;

/** A frame that is not an SDMP message; {@link #position()} is the 0-based char index of the fault. */
public class SdmpParseException extends Exception {
    private final int position;

    public SdmpParseException(String reason, int position) {
        super(reason + " at position " + position);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
