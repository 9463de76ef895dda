package io.callgem.simulator;

import io.callgem.protocol.SdmpFrameEncoder;
import io.callgem.protocol.SdmpMessage;
import io.netty.buffer.Unpooled;

/**
 * An outcome on its way to a subscription; {@code outcome} is the OZ as generated, its TX is replaced.
 * {@code frame} is null, or its bytes on the wire already encoded (a prepared flood); then
 * {@code outcome} is kept only for a subscription with a persist token, whose backlog needs it.
 */
record Delivery(Subscription subscription, SdmpMessage outcome, byte[] frame) {

    Delivery(Subscription subscription, SdmpMessage outcome) {
        this(subscription, outcome, null);
    }

    /** This delivery with its frame encoded now, for the connection whose encoder is given. */
    Delivery encoded(SdmpFrameEncoder encoder) {
        return new Delivery(subscription, subscription.backlog() == null ? null : outcome, encoder.frame(text()));
    }

    /**
     * What the channel writes: the frame's bytes if encoded ahead, else the OZ as the subscriber
     * sees it, as its wire text, for the channel's encoder.
     */
    Object message() {
        return frame != null ? Unpooled.wrappedBuffer(frame) : text();
    }

    /** TX first, carrying the subscription's transaction id, written in one go ({@link SdmpMessage#toWireWithFirst}). */
    private String text() {
        return outcome.toWireWithFirst("TX", subscription.transactionId());
    }
}
