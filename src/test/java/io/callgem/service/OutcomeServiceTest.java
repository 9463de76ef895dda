package io.callgem.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.callgem.simulator.CallGemSimulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end through the real service: the built-in simulator on a loopback port, the
 * callgem: consumer, the YAML routes, the embedded broker and the files on disk.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class OutcomeServiceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    BuiltInSimulator builtIn;

    @Inject
    CamelContext camel;

    @Inject
    ConnectionFactory connectionFactory;

    @ConfigProperty(name = "outcomes.dir")
    Path outcomesDir;

    @ConfigProperty(name = "outcomes.dead-letter.dir")
    Path deadLetterDir;

    CallGemSimulator simulator;

    @BeforeEach
    void awaitSubscribed() {
        simulator = builtIn.simulator();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    /** An OZ frame on the consumer's first subscription, as CallGem would send it. */
    private String oz(String parameters) {
        String tx = simulator.activeSubscriptions().get(0).transactionId();
        return "OZ\\TX" + tx + parameters;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    @Test
    void deliversAKnownOutcomeToTheTenantsFileAndToJms() throws Exception {
        String tenant = "Known" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        simulator.send(oz("\\CNSales1\\TD" + tenant + "\\SI001234567890\\GAgrp1\\ANJoe\\AO167\\RE10"
                + "\\TS46000.5\\X146000.25\\T1rec-42\\DT<MagicXMLDocument xmlns=\"http://www.sytelco.com/SCC/CM\">"
                + "<r><c n=\"AccountNo\" m=\"true\" d=\"12345\"/><c n=\"Name\" d=\"Ann Lee\"/></r></MagicXMLDocument>"));

        Path file = outcomesDir.resolve(tenant).resolve("2025-12-09.jsonl");
        await().atMost(WAIT).until(() -> lines(file).size() == 1);
        JsonNode json = MAPPER.readTree(lines(file).get(0));
        assertThat(json.get("tenant").asText()).isEqualTo(tenant);
        assertThat(json.get("campaign").asText()).isEqualTo("Sales1");
        assertThat(json.get("sessionId").asText()).isEqualTo("001234567890");
        assertThat(json.get("groupAddress").asText()).isEqualTo("grp1");
        assertThat(json.get("agent").asText()).isEqualTo("Joe");
        assertThat(json.get("agentOutcome").asInt()).isEqualTo(167);
        assertThat(json.get("reason").asInt()).isEqualTo(10);
        assertThat(json.get("reasonText").asText()).isEqualTo("connected");
        assertThat(json.get("liveCall").asBoolean()).isTrue();
        assertThat(json.get("timestamp").asText()).isEqualTo("2025-12-09T12:00:00Z");
        assertThat(json.get("callLaunchedAt").asText()).isEqualTo("2025-12-09T06:00:00Z");
        assertThat(json.get("recordingTags").get("T1").asText()).isEqualTo("rec-42");
        assertThat(json.get("data").get("AccountNo").asText()).isEqualTo("12345");
        assertThat(json.get("data").get("Name").asText()).isEqualTo("Ann Lee");
        assertThat(json.get("problems")).isEmpty();

        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer consumer = context.createConsumer(context.createQueue("callgem.outcomes"),
                        "tenant = '" + tenant + "'")) {
            Message message = consumer.receive(WAIT.toMillis());
            assertThat(message).isInstanceOf(TextMessage.class);
            assertThat(message.getStringProperty("tenant")).isEqualTo(tenant);
            assertThat(MAPPER.readTree(((TextMessage) message).getText())).isEqualTo(json);
            assertThat(message.getJMSDeliveryMode()).isEqualTo(jakarta.jms.DeliveryMode.PERSISTENT);
        }
    }

    @Test
    void aBatchTheBrokerRefusesAsOneTransactionReachesEachSinkOnItsOwn() throws Exception {
        String tenant = RefusingBrokerSink.TENANT_PREFIX + UUID.randomUUID().toString().substring(0, 8);
        simulator.send(oz("\\CNSales1\\TD" + tenant + "\\SI55\\GAg\\RE2\\TS46002.5"));

        Path file = outcomesDir.resolve(tenant).resolve("2025-12-11.jsonl");
        await().atMost(WAIT).until(() -> lines(file).size() == 1);
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer consumer = context.createConsumer(context.createQueue("callgem.outcomes"),
                        "tenant = '" + tenant + "'")) {
            // sent by deliver-jms after the combined send failed, once
            Message message = consumer.receive(WAIT.toMillis());
            assertThat(message).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) message).getText()).contains("\"sessionId\":\"55\"");
            assertThat(consumer.receive(500)).isNull();
        }
        assertThat(deadLetters()).noneMatch(line -> line.contains(tenant));
    }

    @Test
    void anOutcomeSentTwiceUnderNewTransactionIdsIsDeliveredOnce() throws Exception {
        String tenant = "Twice" + UUID.randomUUID().toString().substring(0, 8);
        String call = "\\CNSales1\\TD" + tenant + "\\SI77\\GAg\\RE2\\TS46001.25";
        simulator.send("OZ\\TXfirst-subscription" + call);
        simulator.send("OZ\\TXreplay-subscription" + call);
        simulator.send(oz("\\CNSales1\\TD" + tenant + "\\SI78\\GAg\\RE2\\TS46001.25"));

        Path file = outcomesDir.resolve(tenant).resolve("2025-12-10.jsonl");
        await().atMost(WAIT).until(() -> lines(file).size() >= 2);
        Thread.sleep(300); // a duplicate would be appended right behind the second outcome
        assertThat(lines(file)).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("\"sessionId\":\"77\""))
                .anySatisfy(line -> assertThat(line).contains("\"sessionId\":\"78\""));

        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer consumer = context.createConsumer(context.createQueue("callgem.outcomes"),
                        "tenant = '" + tenant + "'")) {
            assertThat(consumer.receive(WAIT.toMillis())).isNotNull();
            assertThat(consumer.receive(WAIT.toMillis())).isNotNull();
            assertThat(consumer.receive(500)).isNull();
        }
    }

    @Test
    void hostileTenantNamesStayInsideTheOutcomesFolder() throws Exception {
        String[] tenants = { "..", "../../escape", "two words", "a/b" };
        for (int i = 0; i < tenants.length; i++) {
            simulator.send(oz("\\CNSales1\\TD" + tenants[i] + "\\SIpath" + i + "\\GAg\\RE1\\TS46002"));
        }
        simulator.send(oz("\\CNSales1\\SInotenant\\GAg\\RE1\\TS46002"));

        for (String folder : List.of("_", ".._.._escape", "two_words", "a_b", "default")) {
            Path file = outcomesDir.resolve(folder).resolve("2025-12-11.jsonl");
            await().atMost(WAIT).until(() -> !lines(file).isEmpty());
        }
        assertThat(Files.exists(outcomesDir.getParent().resolve("escape"))).isFalse();
        assertThat(Files.exists(outcomesDir.getParent().getParent().resolve("escape"))).isFalse();
        try (Stream<Path> all = Files.walk(outcomesDir.getParent())) {
            assertThat(all.filter(p -> p.toString().endsWith(".jsonl")))
                    .allSatisfy(p -> assertThat(p.normalize()).satisfiesAnyOf(
                            q -> assertThat(q).startsWith(outcomesDir), q -> assertThat(q).startsWith(deadLetterDir)));
        }
        JsonNode dots = MAPPER.readTree(lines(outcomesDir.resolve("_").resolve("2025-12-11.jsonl")).get(0));
        assertThat(dots.get("tenant").asText()).isEqualTo("..");
        assertThat(dots.get("problems").toString()).contains("TD");
    }

    @Test
    void anUnparsableFrameGoesToTheDeadLetterAndTheNextOutcomeStillArrives() throws Exception {
        String tenant = "After" + UUID.randomUUID().toString().substring(0, 8);
        String garbage = "Z\\" + tenant;
        simulator.send(garbage);
        simulator.send(oz("\\CNSales1\\TD" + tenant + "\\SIafter\\GAg\\RE1\\TS46003"));

        await().atMost(WAIT).until(() -> !lines(outcomesDir.resolve(tenant).resolve("2025-12-12.jsonl")).isEmpty());
        await().atMost(WAIT).until(() -> deadLetters().stream().anyMatch(line -> line.contains(tenant)));
        JsonNode dead = MAPPER.readTree(deadLetters().stream().filter(l -> l.contains(tenant)).findFirst().orElseThrow());
        assertThat(dead.get("sink").asText()).isEqualTo("parse");
        assertThat(dead.get("raw").asText()).isEqualTo(garbage);
        assertThat(dead.get("outcome").isNull()).isTrue();
        assertThat(dead.get("reason").asText()).contains("Z\\" + tenant);
        given().get("/q/metrics").then().body(containsString("callgem_outcomes_rejected_total{reason=\"CallGemMalformedFrameException\"}"));
    }

    @Test
    void aTenantFolderThatCannotBeWrittenDeadLettersTheFileButNotJms() throws Exception {
        // a plain file where the tenant's folder should be: the append fails (also as root,
        // where a read-only folder would not stop anyone)
        String tenant = "Blocked" + UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(outcomesDir);
        Files.writeString(outcomesDir.resolve(tenant), "not a folder");
        simulator.send(oz("\\CNSales1\\TD" + tenant + "\\SIblocked\\GAg\\RE1\\TS46005"));

        await().atMost(WAIT).until(() -> deadLetters().stream().anyMatch(line -> line.contains(tenant)));
        JsonNode dead = MAPPER.readTree(deadLetters().stream().filter(l -> l.contains(tenant)).findFirst().orElseThrow());
        assertThat(dead.get("sink").asText()).isEqualTo("files");
        assertThat(dead.get("outcome").get("tenant").asText()).isEqualTo(tenant);
        assertThat(dead.get("outcome").get("sessionId").asText()).isEqualTo("blocked");
        assertThat(dead.get("raw").isNull()).isTrue();
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'outcome-sinks' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'outcome-sinks' }.data.files", containsString(tenant));
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer consumer = context.createConsumer(context.createQueue("callgem.outcomes"),
                        "tenant = '" + tenant + "'")) {
            assertThat(consumer.receive(WAIT.toMillis())).isNotNull();
        }

        // the next outcome the file sink takes makes it healthy again
        simulator.send(oz("\\CNSales1\\TDUnblocked\\SIunblocked\\GAg\\RE1\\TS46005"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void hostileFramesAreDeadLetteredAndTheValidOutcomesAroundThemDelivered() throws Exception {
        String tenant = "Hostile" + UUID.randomUUID().toString().substring(0, 8);
        List<String> hostile = List.of(
                "\u0001\u00ff\u0007garbage\u0080",
                "Q",
                "OZ\\",
                "XX\\TXt\\ZZunknown-message-code",
                "OZ\\TDX" + tenant + "\\RE1Oops",
                "OZ\\TDX" + tenant + "\\SIbad-re\\GAg\\REbusy\\TS46006",
                "OZ\\TDX" + tenant + "\\SInan\\GAg\\RE1\\TSNaN",
                "OZ\\TDX" + tenant + "\\SIneg\\GAg\\RE1\\TS-5",
                "OZ\\TDX" + tenant + "\\SIxxe\\GAg\\RE1\\TS46006\\DT<?xml version=\"1.0\"?>"
                        + "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><MagicXMLDocument><r><c n=\"a\" d=\"&x;\"/></r></MagicXMLDocument>",
                "");
        int i = 0;
        for (String frame : hostile) {
            simulator.send(frame);
            simulator.send(oz("\\CNSales1\\TD" + tenant + "\\SIvalid" + i++ + "\\GAg\\RE2\\TS46006"));
        }
        simulator.send("A".repeat(1024 * 1024));
        simulator.send(oz("\\CNSales1\\TD" + tenant + "\\SIafter-huge\\GAg\\RE2\\TS46006"));

        Path file = outcomesDir.resolve(tenant).resolve("2025-12-15.jsonl");
        List<String> expected = new java.util.ArrayList<>();
        for (int n = 0; n < hostile.size(); n++) {
            expected.add("valid" + n);
        }
        expected.add("after-huge");
        await().atMost(WAIT).until(() -> lines(file).size() >= expected.size());
        assertThat(lines(file)).extracting(line -> MAPPER.readTree(line).get("sessionId").asText())
                .containsExactlyInAnyOrderElementsOf(expected);

        // lenient mode: outcomes with broken values are delivered, their problems listed
        // (those without a readable TS are filed under the day they arrived)
        Path lenient = outcomesDir.resolve("X" + tenant);
        await().atMost(WAIT).until(() -> DeliveredOutcomes.read(lenient).size() >= 5);
        List<JsonNode> delivered = DeliveredOutcomes.read(lenient);
        assertThat(delivered).anySatisfy(d -> {
            assertThat(d.get("sessionId").asText()).isEqualTo("bad-re");
            assertThat(d.get("reason").isNull()).isTrue();
            assertThat(d.get("problems").toString()).contains("RE");
        });
        assertThat(delivered).hasSize(5).allSatisfy(d -> assertThat(d.get("problems")).isNotEmpty());
        assertThat(delivered).allSatisfy(d -> assertThat(d.toString()).doesNotContain("root:"));

        await().atMost(WAIT).until(() -> deadLetters().stream().filter(l -> l.contains("\"sink\":\"parse\"")).count() >= 4);
        assertThat(deadLetters()).allSatisfy(line -> assertThat(line.length()).isLessThan(200 * 1024));
        assertThat(deadLetters()).filteredOn(line -> line.contains("AAAAAAAA")).singleElement()
                .satisfies(line -> assertThat(MAPPER.readTree(line).get("reason").asText()).contains("maxFrameLength"));
    }

    private List<String> deadLetters() throws IOException {
        if (!Files.isDirectory(deadLetterDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(deadLetterDir)) {
            return files.flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (IOException e) {
                    return Stream.of();
                }
            }).toList();
        }
    }

    @Test
    void healthAndMetricsAreServed() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'camel-consumers' }.status", equalTo("UP"));
        simulator.send(oz("\\CNSales1\\TDmetrics\\SImetrics\\GAg\\RE1\\TS46004"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("callgem_outcomes_received_total"))
                .body(containsString("callgem_outcomes_delivered_total{sink=\"files\",tenant=\"metrics\"}"))
                .body(containsString("callgem_outcomes_delivered_total{sink=\"jms\",tenant=\"metrics\"}"))
                .body(containsString("callgem_connection_state{state=\"SUBSCRIBED\"} 1.0"))
                .body(containsString("callgem_connection_state{state=\"DISCONNECTED\"} 0.0"))
                .body(containsString("callgem_frames_malformed_total")));
    }

    @Test
    void stoppingTheRouteEndsTheSubscriptionsAndReadinessFollowsTheConnection() throws Exception {
        int subscriptions = simulator.activeSubscriptions().size();
        assertThat(subscriptions).isPositive();
        simulator.clearReceived();

        camel.getRouteController().stopRoute("callgem-receive");
        try {
            assertThat(simulator.awaitReceived("EE", subscriptions, WAIT)).hasSize(subscriptions);
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        } finally {
            camel.getRouteController().startRoute("callgem-receive");
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        assertThat(simulator.received("EO")).hasSize(subscriptions)
                .allSatisfy(eo -> assertThat(eo.get("PS")).isEqualTo("service-tests"));
    }
}
