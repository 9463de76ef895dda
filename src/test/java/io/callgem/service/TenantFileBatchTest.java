package io.callgem.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.callgem.protocol.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files sink after a crash between appending a batch and remembering it: the batch
 * delivered again is not appended again, only what is new.
 */
class TenantFileBatchTest {

    @TempDir
    Path dir;

    private static String document(int n) {
        Outcome outcome = Outcome.builder().transactionId("1").campaign("Sales1").tenant("acme").sessionId("S" + n)
                .reason(2).timestamp(Instant.parse("2026-01-05T09:00:00Z").plusSeconds(n)).build();
        return new String(OutcomeDocument.toJson(outcome, OutcomeId.of(outcome)), StandardCharsets.UTF_8);
    }

    private TenantFileBatch batchStep(DeliveredIds ledger) {
        TenantFileBatch step = new TenantFileBatch();
        step.files = new TenantFiles(dir.resolve("outcomes"));
        step.delivered = ledger;
        step.metrics = new OutcomeMetrics();
        step.metrics.registry = new SimpleMeterRegistry();
        step.health = new SinkHealth();
        return step;
    }

    private static Exchange batch(List<String> documents) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(String.join("\n", documents).getBytes(StandardCharsets.UTF_8));
        return exchange;
    }

    @Test
    void linesACrashedProcessAppendedButDidNotRememberAreNotAppendedAgain() throws Exception {
        List<String> crashed = List.of(document(1), document(2), document(3));
        // the process that died: appended the batch, killed before its ledger write
        TenantFiles before = new TenantFiles(dir.resolve("outcomes"));
        before.append("acme", "2026-01-05", crashed);
        before.close();

        DeliveredIds ledger = new DeliveredIds(dir.resolve("files.dat"), 1000, 1 << 20);
        TenantFileBatch step = batchStep(ledger);
        // the inbox redelivers that batch, and the next one comes
        step.process(batch(crashed));
        step.process(batch(List.of(document(3), document(4))));
        step.files.close();

        assertThat(Files.readAllLines(dir.resolve("outcomes/acme/2026-01-05.jsonl")))
                .containsExactly(document(1), document(2), document(3), document(4));
        for (int n = 1; n <= 4; n++) {
            assertThat(ledger.contains(OutcomeBatch.line(document(n)).outcomeId())).isTrue();
        }
    }
}
