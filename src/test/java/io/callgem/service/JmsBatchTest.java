package io.callgem.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jms.connection.CachingConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link JmsBatch} against a persistent embedded broker: once per ledger, and several sinks in one transaction. */
class JmsBatchTest {

    private static final String URL = "vm://53";

    @TempDir
    Path dir;

    private EmbeddedActiveMQ broker;
    private ActiveMQConnectionFactory factory;
    private CachingConnectionFactory caching;
    private DeliveredIds jmsLedger;
    private DeliveredIds webhookLedger;
    private JmsBatch jmsSink;
    private JmsBatch webhookQueues;

    @BeforeEach
    void start() throws Exception {
        broker = PersistentTestBroker.start("jms-batch-test", dir, URL);
        factory = new ActiveMQConnectionFactory(URL);
        caching = new CachingConnectionFactory(factory);
        jmsLedger = new DeliveredIds(dir.resolve("jms.dat"), 100, 0);
        webhookLedger = new DeliveredIds(dir.resolve("webhooks.dat"), 100, 0);
        jmsSink = new JmsBatch(caching, jmsLedger);
        webhookQueues = new JmsBatch(caching, webhookLedger, false);
    }

    @AfterEach
    void stop() throws Exception {
        caching.destroy();
        factory.close();
        broker.stop();
        jmsLedger.stop();
        webhookLedger.stop();
    }

    private static JmsBatch.Message message(String id, String queue, Map<String, String> properties) {
        return new JmsBatch.Message(id, queue, "{\"outcomeId\":\"" + id + "\",\"agent\":\"Zoë\"}", properties);
    }

    private List<Message> drain(String queue) throws Exception {
        List<Message> messages = new ArrayList<>();
        try (JMSContext jms = factory.createContext(); JMSConsumer consumer = jms.createConsumer(jms.createQueue(queue))) {
            for (Message m = consumer.receive(500); m != null; m = consumer.receive(200)) {
                messages.add(m);
            }
        }
        return messages;
    }

    @Test
    void severalSinksGoTogetherEachOnceByItsOwnLedgerEachInItsOwnKind() throws Exception {
        Map<JmsBatch, List<JmsBatch.Message>> first = new LinkedHashMap<>();
        first.put(jmsSink, List.of(message("a", "outcomes", Map.of("tenant", "acme")),
                message("b", "outcomes", Map.of("tenant", "acme"))));
        first.put(webhookQueues, List.of(message("a", "webhook.acme", Map.of("tenant", "acme"))));

        Map<JmsBatch, List<JmsBatch.Message>> sent = JmsBatch.sendTogether(first);

        assertThat(sent.get(jmsSink)).extracting(JmsBatch.Message::outcomeId).containsExactly("a", "b");
        assertThat(sent.get(webhookQueues)).extracting(JmsBatch.Message::outcomeId).containsExactly("a");
        List<Message> outcomes = drain("outcomes");
        assertThat(outcomes).hasSize(2).allMatch(m -> m instanceof TextMessage);
        assertThat(((TextMessage) outcomes.get(0)).getText()).contains("Zoë");
        assertThat(outcomes.get(1).getStringProperty("tenant")).isEqualTo("acme");
        List<Message> webhooks = drain("webhook.acme");
        assertThat(webhooks).hasSize(1).allMatch(m -> m instanceof BytesMessage);
        assertThat(new String(JmsBatch.utf8Body(webhooks.get(0)), java.nio.charset.StandardCharsets.UTF_8))
                .contains("Zoë");

        // the same batch again (a redelivery): each ledger skips its own; "b" is new only to the webhooks
        Map<JmsBatch, List<JmsBatch.Message>> again = new LinkedHashMap<>();
        again.put(jmsSink, List.of(message("a", "outcomes", Map.of()), message("b", "outcomes", Map.of())));
        again.put(webhookQueues, List.of(message("a", "webhook.acme", Map.of()), message("b", "webhook.acme", Map.of())));
        sent = JmsBatch.sendTogether(again);

        assertThat(sent.get(jmsSink)).isEmpty();
        assertThat(sent.get(webhookQueues)).extracting(JmsBatch.Message::outcomeId).containsExactly("b");
        assertThat(drain("outcomes")).isEmpty();
        assertThat(drain("webhook.acme")).hasSize(1);
    }

    @Test
    void aFailureSendsNoneOfAnySinkAndRemembersNothing() throws Exception {
        Map<JmsBatch, List<JmsBatch.Message>> batches = new LinkedHashMap<>();
        batches.put(jmsSink, List.of(message("a", "outcomes", Map.of("tenant", "acme"))));
        // not a JMS identifier: the second sink's message fails after the first sink's was sent
        batches.put(webhookQueues, List.of(message("a", "webhook.acme", Map.of("not an identifier", "x"))));

        assertThatThrownBy(() -> JmsBatch.sendTogether(batches)).isInstanceOf(Exception.class);

        assertThat(drain("outcomes")).isEmpty();
        assertThat(drain("webhook.acme")).isEmpty();
        assertThat(jmsLedger.unseen(List.of("a"), id -> id)).containsExactly("a");
        assertThat(webhookLedger.unseen(List.of("a"), id -> id)).containsExactly("a");
    }
}
