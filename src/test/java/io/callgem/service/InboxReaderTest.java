package io.callgem.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InboxReader#take} against a persistent embedded broker whose client streams every body
 * over 1 KiB as a large message, as a client of an external broker does (Artemis' default
 * {@code minLargeMessageSize} is 100 KiB; a hand-off batch of ~110 outcomes is larger).
 */
class InboxReaderTest {

    private static final String URL = "vm://54";

    @TempDir
    Path dir;

    private EmbeddedActiveMQ broker;
    private ActiveMQConnectionFactory factory;

    @BeforeEach
    void start() throws Exception {
        broker = PersistentTestBroker.start("inbox-reader-test", dir, URL);
        factory = new ActiveMQConnectionFactory(URL + "?minLargeMessageSize=1024");
    }

    @AfterEach
    void stop() throws Exception {
        factory.close();
        broker.stop();
    }

    /** A hand-off batch of {@code outcomes} documents of ~300 bytes each, numbered from {@code from}. */
    private static String batch(int from, int outcomes) {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < from + outcomes; i++) {
            lines.append(lines.isEmpty() ? "" : "\n").append("{\"outcomeId\":\"o").append(i)
                    .append("\",\"tenant\":\"acme\",\"agent\":\"Zoë\",\"note\":\"").append("x".repeat(250)).append("\"}");
        }
        return lines.toString();
    }

    private void send(Queue queue, List<String> batches, List<Integer> sizes) {
        try (JMSContext jms = factory.createContext()) {
            JMSProducer producer = jms.createProducer();
            for (int i = 0; i < batches.size(); i++) {
                BytesMessage message = jms.createBytesMessage();
                try {
                    message.writeBytes(batches.get(i).getBytes(StandardCharsets.UTF_8));
                    message.setIntProperty(OutcomeToDocument.BATCH, sizes.get(i));
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
                producer.send(queue, message);
            }
        }
    }

    /** Takes from the inbox as the reader does, until it is empty; each take's batch and outcomes. */
    private static List<InboxReader.Taken> takeAll(JMSConsumer consumer, int maxBatchSize) throws Exception {
        List<InboxReader.Taken> takes = new ArrayList<>();
        for (Message first = consumer.receive(5000); first != null; first = consumer.receive(500)) {
            InboxReader.Taken taken = InboxReader.take(first, consumer, maxBatchSize);
            taken.last().acknowledge();
            takes.add(taken);
        }
        return takes;
    }

    private static String joined(List<InboxReader.Taken> takes) {
        return takes.stream().map(taken -> new String(taken.batch(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void everyBatchIsTakenWholeWhenTheirBodiesAreStreamedAsLargeMessages() throws Exception {
        List<String> batches = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        int from = 0;
        for (int size : new int[] {12, 1, 30, 7, 25, 3, 40}) {   // 300 B to 12 KB: all but one large
            batches.add(batch(from, size));
            sizes.add(size);
            from += size;
        }
        try (JMSContext jms = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            Queue inbox = jms.createQueue("inbox");
            send(inbox, batches, sizes);
            try (JMSConsumer consumer = jms.createConsumer(inbox)) {
                List<InboxReader.Taken> takes = takeAll(consumer, 500);

                assertThat(takes.size()).as("takes").isLessThan(batches.size());  // several batches at once
                assertThat(joined(takes)).isEqualTo(String.join("\n", batches));
                assertThat(takes.stream().mapToInt(InboxReader.Taken::outcomes).sum()).isEqualTo(from);
                assertThat(OutcomeBatch.lines(joined(takes))).extracting(OutcomeBatch.Line::outcomeId)
                        .hasSize(from).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void aTakeStopsAtTheMessageThatReachesTheMostOutcomesTheRestWaitsForTheNext() throws Exception {
        List<String> batches = List.of(batch(0, 10), batch(10, 10), batch(20, 10), batch(30, 10));
        try (JMSContext jms = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            Queue inbox = jms.createQueue("inbox");
            send(inbox, batches, List.of(10, 10, 10, 10));
            try (JMSConsumer consumer = jms.createConsumer(inbox)) {
                List<InboxReader.Taken> takes = takeAll(consumer, 15);

                assertThat(takes).hasSizeGreaterThanOrEqualTo(2)
                        .allSatisfy(taken -> assertThat(taken.outcomes()).isLessThanOrEqualTo(20));
                assertThat(joined(takes)).isEqualTo(String.join("\n", batches));
            }
        }
    }
}
