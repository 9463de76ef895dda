package io.callgem.service;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DeadLetterRecord}: one valid JSON line per outcome of a failed batch, whatever its lines hold. */
class DeadLetterRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static DeadLetterRecord record() {
        DeadLetterRecord record = new DeadLetterRecord();
        record.metrics = new OutcomeMetrics();
        record.metrics.registry = new SimpleMeterRegistry();
        record.health = new SinkHealth();
        return record;
    }

    private static List<JsonNode> deadLetters(String batch, int outcomes) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(batch);
        exchange.getMessage().setHeader(OutcomeToDocument.BATCH, outcomes);
        exchange.setProperty(DeadLetterRecord.SINK, "files");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("disk gone"));
        record().process(exchange);
        String lines = exchange.getMessage().getBody(String.class);
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines.split("\n")) {
            records.add(JSON.readTree(line));   // fails on a line that is not JSON
        }
        return records;
    }

    @Test
    void eachDocumentOfABatchIsOneRecordWithTheDocumentAsItsOutcome() throws Exception {
        List<JsonNode> records = deadLetters("{\"outcomeId\":\"a\",\"tenant\":\"acme\"}\n"
                + "{\"outcomeId\":\"b\",\"tenant\":\"acme\",\"extra\":{\"k\":[1,2]}}", 2);

        assertThat(records).hasSize(2);
        assertThat(records).extracting(r -> r.path("outcome").path("outcomeId").asText()).containsExactly("a", "b");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.path("reason").asText()).isEqualTo("disk gone");
            assertThat(r.path("sink").asText()).isEqualTo("files");
            assertThat(r.path("raw").isNull()).isTrue();
        });
    }

    @Test
    void aLineThatIsNoJsonObjectIsKeptAsRawTextAndTheRecordStaysValidJson() throws Exception {
        String cut = "machine\",\"liveCall\":false,\"listId\":\"Sales1-L3\"}";
        String zeros = "{\"outcomeId\":\"c\"\u0000\u0000\u0000";
        String two = "{\"outcomeId\":\"d\"}{\"outcomeId\":\"e\"}";
        List<JsonNode> records = deadLetters("{\"outcomeId\":\"a\",\"tenant\":\"acme\"}\n" + cut + "\n" + zeros
                + "\n" + two, 4);

        assertThat(records).hasSize(4);
        assertThat(records.get(0).path("outcome").path("outcomeId").asText()).isEqualTo("a");
        assertThat(records.subList(1, 4)).allSatisfy(r -> assertThat(r.path("outcome").isNull()).isTrue());
        assertThat(records.subList(1, 4)).extracting(r -> r.path("raw").asText()).containsExactly(cut, zeros, two);
    }

    @Test
    void onlyOneWholeJsonObjectCountsAsADocument() {
        assertThat(DeadLetterRecord.isJsonObject("{\"a\":{\"b\":[1,{\"c\":null}]}}")).isTrue();
        assertThat(DeadLetterRecord.isJsonObject("{\"a\":1}{\"b\":2}")).isFalse();
        assertThat(DeadLetterRecord.isJsonObject("[1]")).isFalse();
        assertThat(DeadLetterRecord.isJsonObject("{\"a\":")).isFalse();
        assertThat(DeadLetterRecord.isJsonObject("machine\",\"x\":1}")).isFalse();
    }
}
