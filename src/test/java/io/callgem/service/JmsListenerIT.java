package io.callgem.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callgem.simulator.CallGemSimulator;
import io.callgem.simulator.SimulatorSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JMS sink read as a downstream system reads it: another process consuming
 * {@code outcomes.jms.queue} from the packaged service's embedded broker through
 * {@code outcomes.broker.listen}. Every outcome written to the files arrives once, as a text
 * message with the document and the string property {@code tenant}.
 */
class JmsListenerIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int OUTCOMES = 400;

    @Test
    void anotherProcessReadsEveryOutcomeFromTheEmbeddedBrokersJmsQueue(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path data) throws Exception {
        int brokerPort = ServiceTestResource.freePort();
        SimulatorSettings settings = SimulatorSettings.forTests().withRatePerSecond(500).withCount(OUTCOMES);

        try (CallGemSimulator simulator = CallGemSimulator.start(settings);
                ServiceProcess service = ServiceProcess.start(data, "service", Map.of(
                        "callgem.simulator.enabled", "false",
                        "callgem.host", "127.0.0.1",
                        "callgem.port", Integer.toString(simulator.port()),
                        "outcomes.broker.listen", "tcp://127.0.0.1:" + brokerPort))) {
            service.awaitReady(Duration.ofSeconds(90));
            Map<String, Integer> timesById = new HashMap<>();
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
            try (JMSContext jms = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                    JMSConsumer outcomes = jms.createConsumer(jms.createQueue("callgem.outcomes"))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while ((simulator.outcomesGenerated() < OUTCOMES || timesById.size() < simulator.outcomesSent())
                        && System.nanoTime() < deadline) {
                    Message message = outcomes.receive(1000);
                    if (message == null) {
                        continue;
                    }
                    assertThat(message).isInstanceOf(TextMessage.class);
                    assertThat(message.getJMSDeliveryMode()).isEqualTo(jakarta.jms.DeliveryMode.PERSISTENT);
                    JsonNode document = MAPPER.readTree(((TextMessage) message).getText());
                    String id = document.get("outcomeId").asText();
                    timesById.merge(id, 1, Integer::sum);
                    assertThat(message.getStringProperty("tenant")).isEqualTo(document.get("tenant").asText());
                }
                // nothing more after the last one
                assertThat(outcomes.receive(1000)).isNull();
            }

            Set<String> filed = DeliveredOutcomes.read(data.resolve("outcomes")).stream()
                    .map(d -> d.get("outcomeId").asText()).collect(Collectors.toSet());
            System.out.printf("jms listener test: %d outcomes sent, %d read over TCP (%d distinct), %d in the files%n",
                    simulator.outcomesSent(), timesById.values().stream().mapToInt(Integer::intValue).sum(),
                    timesById.size(), filed.size());
            assertThat(timesById).hasSize((int) simulator.outcomesSent()).hasSizeGreaterThan(OUTCOMES * 9 / 10);
            assertThat(timesById.values()).containsOnly(1);
            assertThat(timesById.keySet()).isEqualTo(filed);
        }
    }
}
