package io.callgem.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.JMSException;

import org.apache.camel.Exchange;

/**
 * In the service tests only (a bean of the test application): a {@link BrokerSink} that refuses
 * every batch with an outcome of a tenant named {@value #TENANT_PREFIX}..., as a broker refusing
 * the transaction would, so that the batch's combined send fails and the fallback to each sink
 * on its own can be seen. Other batches it leaves alone (it has no messages of its own).
 */
@ApplicationScoped
public class RefusingBrokerSink implements BrokerSink {

    static final String TENANT_PREFIX = "BrokerRefuses";

    @Override
    public JmsBatch jms() {
        throw new IllegalStateException("never sends");
    }

    @Override
    public List<JmsBatch.Message> messages(Exchange exchange) throws Exception {
        for (OutcomeBatch.Line line : OutcomeBatch.lines(exchange)) {
            if (line.tenant().startsWith(TENANT_PREFIX)) {
                throw new JMSException("the broker refused the batch (test)");
            }
        }
        return List.of();
    }

    @Override
    public void sent(List<JmsBatch.Message> sent) {
        throw new IllegalStateException("never sends");
    }
}
