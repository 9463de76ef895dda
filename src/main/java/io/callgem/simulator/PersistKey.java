package io.callgem.simulator;

/**
 * Identifies a persistent subscription: its PS token together with its CN and TD filters, so a
 * client may use one token for its EOs of several campaigns.
 */
record PersistKey(String persistToken, String campaign, String tenant) {
}
