package io.callgem.component;

import org.apache.camel.spi.Metadata;

/**
 * Headers set by the callgem: consumer and producer.
 */
public final class CallGemConstants {

    @Metadata(label = "consumer", description = "Tenant descriptor (TD) of the outcome, or null when CallGem sent none.",
              javaType = "String")
    public static final String TENANT = "CamelCallGemTenant";

    @Metadata(label = "consumer", description = "Campaign name (CN) of the outcome.", javaType = "String")
    public static final String CAMPAIGN = "CamelCallGemCampaign";

    @Metadata(label = "consumer", description = "Session id (SI) of the call.", javaType = "String")
    public static final String SESSION_ID = "CamelCallGemSessionId";

    @Metadata(label = "consumer", description = "Reason code (RE): the dialing-cycle outcome, e.g. 10 = connected.",
              javaType = "Integer")
    public static final String REASON = "CamelCallGemReason";

    @Metadata(description = "Transaction id (TX). Consumer: the TX of the subscription (EO) the outcome belongs to, which"
                            + " CallGem echoes in every outcome, so it is not unique per outcome. Producer: the TX of"
                            + " the request that was sent.",
              javaType = "String")
    public static final String TRANSACTION_ID = "CamelCallGemTransactionId";

    @Metadata(label = "consumer",
              description = "false when the message failed validation (the outcome's problems list says why), was"
                            + " malformed or too long; such exchanges also carry an exception unless the outcome was"
                            + " accepted in lenient mode.",
              javaType = "Boolean")
    public static final String VALID = "CamelCallGemValid";

    @Metadata(description = "The message text as received (without terminator). Consumer: set on exchanges for"
                            + " malformed, too long (first 64 KiB) and invalid messages. Producer: the reply as received.",
              javaType = "String")
    public static final String RAW = "CamelCallGemRaw";

    @Metadata(label = "consumer", description = "With batching: how many outcomes the exchange's List<Outcome> body holds.",
              javaType = "Integer")
    public static final String BATCH_SIZE = "CamelCallGemBatchSize";

    private CallGemConstants() {
    }
}
