package io.callgem.service;

import java.util.List;

import org.apache.camel.Exchange;

/**
 * A sink whose deliveries are JMS messages on the service's broker (the JMS sink, the webhook
 * queues): what it would send for a batch, so that {@link BrokerSinks} sends every such sink's
 * messages of a batch in one transaction.
 */
public interface BrokerSink {

    /** The sink's sender: its ledger and message kind. */
    JmsBatch jms();

    /** Its messages for the {@link OutcomeBatch} in the exchange (none when it is off). */
    List<JmsBatch.Message> messages(Exchange exchange) throws Exception;

    /** Called with the messages sent (those its ledger had not seen). */
    void sent(List<JmsBatch.Message> sent);
}
