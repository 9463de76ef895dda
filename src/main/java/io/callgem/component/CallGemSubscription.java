package io.callgem.component;

/**
 * Read-only view of one subscription of a consumer, for health details and metrics.
 *
 * @param campaign      CN, or null
 * @param tenant        TD, or null
 * @param transactionId the TX of its EO on the current (or last) connection, or null before the first
 * @param status        PENDING, SENT, FAILED, ENDING or ENDED
 * @param lastError     the last ER as "EC&lt;code&gt; &lt;text&gt;", or null
 */
public record CallGemSubscription(String campaign, String tenant, String transactionId, String status,
                                  String lastError) {
}
