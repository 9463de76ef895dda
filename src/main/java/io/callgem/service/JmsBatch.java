package io.callgem.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.springframework.jms.core.JmsTemplate;

/**
 * Sends the messages of one batch to the broker in one local JMS transaction, with Spring's
 * {@link JmsTemplate} on the cached sessions and producers: all of them or none, one commit
 * (one journal sync) per batch instead of one per message. Text messages, persistent.
 */
public final class JmsBatch {

    /** One message: its queue, its text and its string properties. */
    public record Message(String queue, String text, Map<String, String> properties) {
    }

    private final JmsTemplate template;

    public JmsBatch(ConnectionFactory connectionFactory) {
        this.template = new JmsTemplate(connectionFactory);
        this.template.setSessionTransacted(true);
    }

    /** Sends them all and commits; on any failure nothing is sent (rolled back) and it throws. */
    public void send(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        template.execute(session -> {
            try {
                Map<String, MessageProducer> producers = new HashMap<>();
                for (Message message : messages) {
                    MessageProducer producer = producers.get(message.queue());
                    if (producer == null) {
                        producer = session.createProducer(session.createQueue(message.queue()));
                        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                        producers.put(message.queue(), producer);
                    }
                    TextMessage jms = session.createTextMessage(message.text());
                    for (Map.Entry<String, String> property : message.properties().entrySet()) {
                        jms.setStringProperty(property.getKey(), property.getValue());
                    }
                    producer.send(jms);
                }
                session.commit();
                return null;
            } catch (JMSException | RuntimeException e) {
                rollback(session);
                throw e;
            }
        }, false);
    }

    private static void rollback(Session session) {
        try {
            session.rollback();
        } catch (JMSException ignored) {
            // the cached session rolls back on close as well
        }
    }
}
