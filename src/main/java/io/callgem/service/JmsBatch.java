package io.callgem.service;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.camel.support.service.ServiceHelper;
import org.springframework.jms.core.JmsTemplate;

/**
 * Sends the messages of one batch of outcomes to the broker once each (or several sinks' batches
 * together, {@link #sendTogether}): those the sink's ledger has not seen go in one local JMS
 * transaction (all of them or none, one commit, i.e. one journal
 * sync, per batch instead of one per message), with Spring's {@link JmsTemplate} on the cached
 * sessions and producers; only after the commit are they remembered in the ledger. A crash
 * between the two repeats them when the batch is delivered again, it never loses them.
 * Persistent text messages (the JMS sink's contract), or bytes messages (UTF-8: half the
 * broker's memory and journal of text, which Artemis keeps as UTF-16) for queues only the
 * service reads.
 */
public final class JmsBatch {

    /** One message: the outcome it carries, its queue, its text and its string properties. */
    public record Message(String outcomeId, String queue, String text, Map<String, String> properties) {
    }

    private final JmsTemplate template;
    private final DeliveredIds ledger;
    private final boolean text;

    /** Sends text messages. */
    public JmsBatch(ConnectionFactory connectionFactory, DeliveredIds ledger) {
        this(connectionFactory, ledger, true);
    }

    /** Sends text messages, or with {@code text} false bytes messages of the text in UTF-8. */
    public JmsBatch(ConnectionFactory connectionFactory, DeliveredIds ledger, boolean text) {
        this.template = new JmsTemplate(connectionFactory);
        this.template.setSessionTransacted(true);
        this.ledger = ledger;
        this.text = text;
    }

    /**
     * Sends the messages of outcomes not sent before (each outcome once, also within the batch)
     * and commits; then remembers them. Returns those sent. On any failure it throws and nothing
     * was sent.
     */
    public List<Message> sendOnce(List<Message> messages) throws JMSException {
        return sendTogether(Map.of(this, messages)).get(this);
    }

    /**
     * {@link #sendOnce} for several sinks' batches at once, in one transaction (one commit, one
     * journal sync): each sink's messages its ledger has not seen, all of them or none; then each
     * ledger remembers its own. The batches must use the same broker. Returns what each sent.
     */
    public static Map<JmsBatch, List<Message>> sendTogether(Map<JmsBatch, List<Message>> batches) throws JMSException {
        Map<JmsBatch, List<Message>> fresh = new LinkedHashMap<>();
        for (Map.Entry<JmsBatch, List<Message>> batch : batches.entrySet()) {
            ServiceHelper.startService(batch.getKey().ledger); // a no-op once started
            fresh.put(batch.getKey(), batch.getKey().ledger.unseen(batch.getValue(), Message::outcomeId));
        }
        if (fresh.values().stream().allMatch(List::isEmpty)) {
            return fresh;
        }
        fresh.keySet().iterator().next().template.execute(session -> {
            try {
                for (Map.Entry<JmsBatch, List<Message>> batch : fresh.entrySet()) {
                    sendAll(session, batch.getValue(), batch.getKey().text);
                }
                session.commit();
                return null;
            } catch (JMSException | RuntimeException e) {
                rollback(session);
                throw e;
            }
        }, false);
        for (Map.Entry<JmsBatch, List<Message>> batch : fresh.entrySet()) {
            batch.getKey().ledger.addAll(batch.getValue().stream().map(Message::outcomeId).toList());
        }
        return fresh;
    }

    private static void sendAll(Session session, List<Message> messages, boolean text) throws JMSException {
        Map<String, MessageProducer> producers = new HashMap<>();
        try {
            for (Message message : messages) {
                MessageProducer producer = producers.get(message.queue());
                if (producer == null) {
                    producer = session.createProducer(session.createQueue(message.queue()));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    producers.put(message.queue(), producer);
                }
                jakarta.jms.Message jms = text ? session.createTextMessage(message.text()) : bytes(session, message.text());
                for (Map.Entry<String, String> property : message.properties().entrySet()) {
                    jms.setStringProperty(property.getKey(), property.getValue());
                }
                producer.send(jms);
            }
        } finally {
            for (MessageProducer producer : producers.values()) {
                producer.close(); // a cached producer only goes back to the cache
            }
        }
    }

    /** A message's body as UTF-8 bytes: a bytes message's as it is, a text message's encoded. */
    public static byte[] utf8Body(jakarta.jms.Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            int read = body.length == 0 ? 0 : bytes.readBytes(body);
            if (read != body.length) {
                // never a batch with a hole in it: the message stays in its queue and is read again
                throw new JMSException("Read " + read + " of the " + body.length + " bytes of message "
                        + message.getJMSMessageID());
            }
            return body;
        }
        String text = message.getBody(String.class);
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    private static BytesMessage bytes(Session session, String text) throws JMSException {
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return bytes;
    }

    private static void rollback(Session session) {
        try {
            session.rollback();
        } catch (JMSException ignored) {
            // the cached session rolls back on close as well
        }
    }
}
