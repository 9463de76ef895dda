package io.callgem.simulator;

import io.callgem.protocol.Parameter;
import io.callgem.protocol.SdmpMessage;

import java.util.ArrayList;
import java.util.List;

/** An outcome on its way to a subscription; {@code outcome} is the OZ as generated, its TX is replaced. */
record Delivery(Subscription subscription, SdmpMessage outcome) {

    /**
     * The OZ as the subscriber sees it, as its wire text: TX first, carrying the subscription's
     * transaction id ({@code withTransaction(outcome, tx).toWire()}, written in one go).
     */
    String message() {
        return outcome.toWireWithFirst("TX", subscription.transactionId());
    }

    static SdmpMessage withTransaction(SdmpMessage oz, String transactionId) {
        List<Parameter> parameters = new ArrayList<>(oz.parameters().size() + 1);
        parameters.add(new Parameter("TX", transactionId));
        for (Parameter p : oz.parameters()) {
            if (!"TX".equals(p.code())) {
                parameters.add(p);
            }
        }
        return new SdmpMessage(null, oz.code(), parameters);
    }
}
