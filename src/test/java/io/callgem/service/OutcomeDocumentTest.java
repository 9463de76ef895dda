package io.callgem.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.callgem.protocol.Outcome;
import io.callgem.protocol.OutcomeReader;
import io.callgem.protocol.SdmpParser;
import org.junit.jupiter.api.Test;

class OutcomeDocumentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String XML_DT = "<MagicXMLDocument xmlns=\"http://www.sytelco.com/SCC/CM\"><r>"
            + "<c n=\"AccountNo\" m=\"true\" d=\"12345\"/><c n=\"Name\" d=\"Ann Lee\"/></r></MagicXMLDocument>";

    private static Outcome read(String frame) throws Exception {
        return new OutcomeReader(ZoneOffset.UTC, false).read(SdmpParser.parse(frame));
    }

    private static JsonNode document(Outcome outcome) throws Exception {
        return MAPPER.readTree(OutcomeDocument.toJson(outcome, OutcomeId.of(outcome)));
    }

    @Test
    void writesEveryFieldOfAFullOutcome() throws Exception {
        Outcome outcome = read("OZ\\TXcg-1\\CNSales1\\TDacme\\SI001234567890\\GAgrp1\\ANJoe\\AGj.doe"
                + "\\AO167\\RE10\\DN01234567890\\TN441234\\LIlist7\\QNq1\\IB\\DD\\RA"
                + "\\TS46000.5\\X146000.25\\X246000.2500115740741\\X346000.375\\X446000.5"
                + "\\T1rec-42\\T3tag3\\ZZfuture\\YY\\DT" + XML_DT);

        JsonNode json = document(outcome);

        assertThat(json.get("outcomeId").asText()).matches("[0-9a-f]{32}");
        assertThat(json.get("tenant").asText()).isEqualTo("acme");
        assertThat(json.get("campaign").asText()).isEqualTo("Sales1");
        assertThat(json.get("transactionId").asText()).isEqualTo("cg-1");
        assertThat(json.get("sessionId").asText()).isEqualTo("001234567890");
        assertThat(json.get("groupAddress").asText()).isEqualTo("grp1");
        assertThat(json.get("agent").asText()).isEqualTo("Joe");
        assertThat(json.get("agentAlternative").asText()).isEqualTo("j.doe");
        assertThat(json.get("agentOutcome").isInt()).isTrue();
        assertThat(json.get("agentOutcome").asInt()).isEqualTo(167);
        assertThat(json.get("reason").asInt()).isEqualTo(10);
        assertThat(json.get("reasonText").asText()).isEqualTo("connected");
        assertThat(json.get("liveCall").asBoolean()).isTrue();
        assertThat(json.get("dialedNumber").asText()).isEqualTo("01234567890");
        assertThat(json.get("telephoneNumber").asText()).isEqualTo("441234");
        assertThat(json.get("listId").asText()).isEqualTo("list7");
        assertThat(json.get("queue").asText()).isEqualTo("q1");
        assertThat(json.get("inbound").asBoolean()).isTrue();
        assertThat(json.get("dontDial").asBoolean()).isTrue();
        assertThat(json.get("retryAdvised").asBoolean()).isTrue();
        assertThat(json.get("timestamp").asText()).isEqualTo("2025-12-09T12:00:00Z");
        assertThat(json.get("callLaunchedAt").asText()).isEqualTo("2025-12-09T06:00:00Z");
        assertThat(json.get("callAlertingAt").asText()).isEqualTo("2025-12-09T06:00:01Z");
        assertThat(json.get("callResultAt").asText()).isEqualTo("2025-12-09T09:00:00Z");
        assertThat(json.get("trunkDisconnectedAt").asText()).isEqualTo("2025-12-09T12:00:00Z");
        assertThat(MAPPER.convertValue(json.get("recordingTags"), java.util.Map.class))
                .containsExactly(java.util.Map.entry("T1", "rec-42"), java.util.Map.entry("T3", "tag3"));
        assertThat(json.get("data").get("AccountNo").asText()).isEqualTo("12345");
        assertThat(json.get("data").get("Name").asText()).isEqualTo("Ann Lee");
        assertThat(json.get("rawData").asText()).isEqualTo(XML_DT);
        assertThat(json.get("extra").get("ZZ").asText()).isEqualTo("future");
        assertThat(json.get("extra").get("YY").asText()).isEmpty();
        assertThat(json.get("problems").isArray()).isTrue();
        assertThat(json.get("problems")).isEmpty();
    }

    @Test
    void absentValuesAreNullFalseOrEmptyAsTheContractSays() throws Exception {
        Outcome outcome = read("OZ\\TXEOSales1\\CNSales1\\ANJoe\\SI001234567890\\RE10\\AO167\\DT");

        JsonNode json = document(outcome);

        List<String> keys = List.of("outcomeId", "tenant", "campaign", "transactionId", "sessionId",
                "groupAddress", "agent", "agentAlternative", "agentOutcome", "reason", "reasonText", "liveCall",
                "dialedNumber", "telephoneNumber", "listId", "queue", "inbound", "dontDial", "retryAdvised",
                "timestamp", "callLaunchedAt", "callAlertingAt", "callResultAt", "trunkDisconnectedAt",
                "recordingTags", "data", "rawData", "extra", "problems");
        assertThat(json.fieldNames()).toIterable().containsExactlyElementsOf(keys);
        assertThat(json.get("tenant").asText()).isEqualTo("default");
        assertThat(json.get("groupAddress").isNull()).isTrue();
        assertThat(json.get("timestamp").isNull()).isTrue();
        assertThat(json.get("inbound").asBoolean()).isFalse();
        assertThat(json.get("recordingTags")).isEmpty();
        assertThat(json.get("data")).isEmpty();
        assertThat(json.get("rawData").asText()).isEmpty();
        assertThat(json.get("rawData").isNull()).isFalse();
        assertThat(json.get("extra")).isEmpty();
        assertThat(json.get("problems")).extracting(JsonNode::asText)
                .anySatisfy(p -> assertThat(p).contains("GA"))
                .anySatisfy(p -> assertThat(p).contains("TS"));
    }

    @Test
    void withoutDtOrReRawDataAndReasonTextAreNull() throws Exception {
        JsonNode json = document(read("OZ\\TXt\\SI1\\GAg\\TS46000"));

        assertThat(json.get("rawData").isNull()).isTrue();
        assertThat(json.get("reasonText").isNull()).isTrue();
        assertThat(json.get("reason").isNull()).isTrue();
        assertThat(json.get("liveCall").asBoolean()).isFalse();
    }

    @Test
    void outcomeIdIgnoresTheTransactionIdButNotTheCall() throws Exception {
        String call = "\\CNSales1\\TDacme\\SI0099\\GAg\\RE2\\TS46000.5";
        String first = OutcomeId.of(read("OZ\\TXsub-1" + call));
        String replayed = OutcomeId.of(read("OZ\\TXsub-2" + call));
        String otherCall = OutcomeId.of(read("OZ\\TXsub-1" + call.replace("SI0099", "SI0100")));

        assertThat(replayed).isEqualTo(first);
        assertThat(otherCall).isNotEqualTo(first);
    }
}
