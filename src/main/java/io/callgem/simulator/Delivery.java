package io.callgem.simulator;

import io.callgem.protocol.SdmpMessage;

/** An outcome on its way to a subscription; {@code outcome} is the OZ as generated, its TX is replaced. */
record Delivery(Subscription subscription, SdmpMessage outcome) {

    /**
     * The OZ as the subscriber sees it, as its wire text: TX first, carrying the subscription's
     * transaction id, written in one go ({@link SdmpMessage#toWireWithFirst}).
     */
    String message() {
        return outcome.toWireWithFirst("TX", subscription.transactionId());
    }
}
