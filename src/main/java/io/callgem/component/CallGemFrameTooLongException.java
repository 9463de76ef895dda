package io.callgem.component;

/**
 * A frame exceeded the endpoint's maxFrameLength and was discarded; the connection survives. The exchange body is
 * the head of the frame (its first 64 KiB characters).
 */
public class CallGemFrameTooLongException extends CallGemException {

    private final long length;
    private final String head;

    public CallGemFrameTooLongException(long length, String head, int maxFrameLength) {
        super("SDMP frame of " + length + " characters exceeds maxFrameLength " + maxFrameLength + " and was discarded"
              + " (head: " + CallGemText.abbreviate(head) + ")");
        this.length = length;
        this.head = head;
    }

    /** Length of the discarded frame. */
    public long getLength() {
        return length;
    }

    /** The first characters of the discarded frame. */
    public String getHead() {
        return head;
    }
}
