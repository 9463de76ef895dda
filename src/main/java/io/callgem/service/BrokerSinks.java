package io.callgem.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Route step of {@code direct:deliver-broker}: every {@link BrokerSink}'s messages for a batch
 * (the JMS sink's, the webhook queues') in one JMS transaction, {@link JmsBatch#sendTogether}: one
 * commit and one journal sync per batch instead of one per sink. A failure sends none of them;
 * the route then delivers to each sink on its own, with its own retries and dead letter.
 */
@ApplicationScoped
@Named("brokerSinks")
@RegisterForReflection
public class BrokerSinks implements Processor {

    @Inject
    Instance<BrokerSink> sinks;

    @Override
    public void process(Exchange exchange) throws Exception {
        Map<JmsBatch, List<JmsBatch.Message>> batches = new LinkedHashMap<>();
        Map<JmsBatch, BrokerSink> byBatch = new LinkedHashMap<>();
        for (BrokerSink sink : sinks) {
            List<JmsBatch.Message> messages = sink.messages(exchange);
            if (!messages.isEmpty()) {
                batches.put(sink.jms(), messages);
                byBatch.put(sink.jms(), sink);
            }
        }
        JmsBatch.sendTogether(batches).forEach((jms, sent) -> byBatch.get(jms).sent(sent));
    }
}
