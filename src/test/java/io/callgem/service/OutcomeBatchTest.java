package io.callgem.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.callgem.protocol.Outcome;
import io.callgem.protocol.OutcomeReader;
import io.callgem.protocol.SdmpParser;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** A batch of documents read back: id, tenant and day of each line, from bytes or text. */
class OutcomeBatchTest {

    private static String document(String oz) throws Exception {
        Outcome outcome = new OutcomeReader(ZoneOffset.UTC, false).read(SdmpParser.parse(oz));
        return new String(OutcomeDocument.toJson(outcome, OutcomeId.of(outcome)), StandardCharsets.UTF_8);
    }

    @Test
    void eachLineGivesItsOutcomeIdTenantAndUtcDay() throws Exception {
        String first = document("OZ\\TX1\\CNSales1\\TDacme\\GA1\\SI1\\RE2\\TS46000.5");
        String second = document("OZ\\TX1\\CNSales1\\GA1\\SI2\\RE2\\TS46001.99\\DT<a>\nb</a>");
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody((first + "\n" + second).getBytes(StandardCharsets.UTF_8));

        List<OutcomeBatch.Line> lines = OutcomeBatch.lines(exchange);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).tenant()).isEqualTo("acme");
        assertThat(lines.get(0).date()).isEqualTo("2025-12-09");
        assertThat(lines.get(0).document()).isEqualTo(first);
        assertThat(lines.get(0).outcomeId()).isEqualTo(first.substring(14, first.indexOf('"', 14)));
        assertThat(lines.get(1).tenant()).isEqualTo("default");
        assertThat(lines.get(1).date()).isEqualTo("2025-12-10");
        assertThat(lines.get(1).document()).isEqualTo(second);

        // the route's read step reads them once; the sinks then share that list
        new OutcomeBatch.Reader().process(exchange);
        List<OutcomeBatch.Line> shared = exchange.getProperty(OutcomeBatch.LINES, List.class);
        assertThat(shared).isEqualTo(lines);
        assertThat(OutcomeBatch.lines(exchange)).isSameAs(shared);
    }

    @Test
    void emptyLinesAreSkippedAndTextBodiesReadToo() {
        String a = "{\"outcomeId\":\"a\",\"tenant\":\"t\",\"timestamp\":\"2026-01-05T23:59:59.999Z\"}";
        String b = "{\"outcomeId\":\"b\",\"tenant\":\"t\"}";
        assertThat(OutcomeBatch.documents(a + "\n\n" + b + "\n")).containsExactly(a, b);
        assertThat(OutcomeBatch.lines(a + "\n" + b)).extracting(OutcomeBatch.Line::date)
                .containsExactly("2026-01-05", LocalDate.now(ZoneOffset.UTC).toString());
    }

    @Test
    void aDayOutsideFourDigitYearsIsStillTheUtcDay() {
        Instant far = Instant.parse("+12026-03-01T10:00:00Z");
        assertThat(OutcomeBatch.dayOf(far.toString())).isEqualTo(LocalDate.ofInstant(far, ZoneOffset.UTC).toString());
        assertThat(OutcomeBatch.dayOf("2026-03-01T10:00:00+02:00"))
                .isEqualTo("2026-03-01");
    }

    @Test
    void aLineThatIsNoOutcomeDocumentIsRefused() {
        assertThatThrownBy(() -> OutcomeBatch.line("[1,2]")).hasMessageContaining("Not an outcome document");
        assertThatThrownBy(() -> OutcomeBatch.line("{\"tenant\":\"t\"}")).hasMessageContaining("without outcomeId");
        assertThatThrownBy(() -> OutcomeBatch.line("{\"outcomeId\":")).hasMessageContaining("Not an outcome document");
    }
}
