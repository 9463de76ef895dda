package io.callgem.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LineOfBusinessDataTest {

    @Test
    void campaignManagerXml() {
        String raw = "<MagicXMLDocument xmlns=\"http://www.sytelco.com/SCC/CM\"><r><c n=\"AccountNo\" m=\"true\" d=\"12345\"/>"
                + "<c n=\"Name\" d=\"Ann Lee\"/></r></MagicXMLDocument>";
        LineOfBusinessData d = LineOfBusinessData.parse(raw);
        assertThat(d.raw()).isEqualTo(raw);
        assertThat(d.problem()).isNull();
        assertThat(d.fields()).containsExactly(Map.entry("AccountNo", "12345"), Map.entry("Name", "Ann Lee"));
        assertThat(d.get("Name")).isEqualTo("Ann Lee");
    }

    @Test
    void xmlEntitiesAndMissingDataAttribute() {
        LineOfBusinessData d = LineOfBusinessData.parse(
                " <MagicXMLDocument><r><c n=\"A&amp;B\" d=\"&lt;1&gt;\"/><c n=\"Empty\"/><c n=\"A&amp;B\" d=\"dup\"/></r></MagicXMLDocument>");
        assertThat(d.problem()).isNull();
        assertThat(d.fields()).containsExactly(Map.entry("A&B", "<1>"), Map.entry("Empty", ""));
    }

    @Test
    void xxePayloadDoesNotReadFiles(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        String raw = "<?xml version=\"1.0\"?><!DOCTYPE MagicXMLDocument [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<MagicXMLDocument><r><c n=\"Name\" d=\"&xxe;\"/></r></MagicXMLDocument>";
        LineOfBusinessData d = LineOfBusinessData.parse(raw);
        assertThat(d.fields()).isEmpty();
        assertThat(d.problem()).startsWith("XML data not readable").containsIgnoringCase("DOCTYPE");
        assertThat(d.problem()).doesNotContain("TOP-SECRET-42");
        assertThat(d.raw()).isEqualTo(raw);
    }

    @Test
    void parameterEntityPayloadIsRefusedToo(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-43");
        String raw = "<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + secret.toUri() + "\"> %p;]><MagicXMLDocument/>";
        LineOfBusinessData d = LineOfBusinessData.parse(raw);
        assertThat(d.fields()).isEmpty();
        assertThat(d.problem()).isNotNull().doesNotContain("TOP-SECRET-43");
    }

    @Test
    void undeclaredEntityIsAProblem() {
        LineOfBusinessData d = LineOfBusinessData.parse("<MagicXMLDocument><r><c n=\"a\" d=\"&foo;\"/></r></MagicXMLDocument>");
        assertThat(d.fields()).isEmpty();
        assertThat(d.problem()).startsWith("XML data not readable");
    }

    @Test
    void wrongXmlRootOrNamelessFieldIsAProblem() {
        assertThat(LineOfBusinessData.parse("<Other><c n=\"a\" d=\"1\"/></Other>").problem())
                .isEqualTo("XML data root is <Other>, expected <MagicXMLDocument>");
        LineOfBusinessData nameless = LineOfBusinessData.parse("<MagicXMLDocument><r><c d=\"1\"/></r></MagicXMLDocument>");
        assertThat(nameless.problem()).isEqualTo("XML data has a <c> element without an n attribute");
        assertThat(nameless.fields()).isEmpty();
    }

    @Test
    void brokenXmlKeepsRawWithProblem() {
        LineOfBusinessData d = LineOfBusinessData.parse("<MagicXMLDocument><r><c n=\"a\"");
        assertThat(d.raw()).isEqualTo("<MagicXMLDocument><r><c n=\"a\"");
        assertThat(d.fields()).isEmpty();
        assertThat(d.problem()).startsWith("XML data not readable");
    }

    @Test
    void legacyFields() {
        LineOfBusinessData d = LineOfBusinessData.parse("NAME~3~Ann~ACC~5~12345~CITY~0~Leeds");
        assertThat(d.problem()).isNull();
        assertThat(d.fields()).containsExactly(Map.entry("NAME", "Ann"), Map.entry("ACC", "12345"),
                Map.entry("CITY", "Leeds"));
    }

    @Test
    void legacyLengthMarkerLetsAValueHoldTilde() {
        LineOfBusinessData d = LineOfBusinessData.parse("NOTE~7~a~b~c d~X~S~y");
        assertThat(d.problem()).isNull();
        assertThat(d.fields()).containsExactly(Map.entry("NOTE", "a~b~c d"), Map.entry("X", "y"));
    }

    @Test
    void legacyTypeMarkersAndEmptyValues() {
        LineOfBusinessData d = LineOfBusinessData.parse("A~S~hello~B~N~~C~12~x~");
        assertThat(d.problem()).isNull();
        assertThat(d.fields()).containsExactly(Map.entry("A", "hello"), Map.entry("B", ""), Map.entry("C", "x"));
    }

    @Test
    void legacyThatDoesNotFitKeepsOnlyRaw() {
        assertThat(LineOfBusinessData.parse("A~1").problem()).isEqualTo("legacy data field 'A' has no value");
        assertThat(LineOfBusinessData.parse("~1~x").problem()).isEqualTo("legacy data field at index 0 has an empty name");
        assertThat(LineOfBusinessData.parse("A~1~x~B").problem()).isEqualTo("legacy data field at index 6 has no ~N~value");
        LineOfBusinessData d = LineOfBusinessData.parse("just text");
        assertThat(d.fields()).isEmpty();
        assertThat(d.raw()).isEqualTo("just text");
        assertThat(d.problem()).isEqualTo("data is neither Campaign Manager XML nor KEY~N~value fields");
    }

    @Test
    void emptyIsNoData() {
        assertThat(LineOfBusinessData.parse("")).isEqualTo(new LineOfBusinessData("", Map.of(), null));
    }

    @Test
    void badDataNeverFailsTheOutcome() throws Exception {
        Outcome o = new OutcomeReader().read(SdmpParser.parse("OZ\\TXa\\GAg\\SIs\\RE1\\TS46000\\DT<MagicXMLDocument><r>"));
        assertThat(o.data().raw()).isEqualTo("<MagicXMLDocument><r>");
        assertThat(o.problems()).singleElement().asString().startsWith("DT: XML data not readable");
    }

    @Test
    void aCallersMapIsCopiedDecodedFieldsAreTakenAndNeitherCanBeChanged() {
        java.util.Map<String, String> mine = new java.util.LinkedHashMap<>(Map.of("A", "1"));
        LineOfBusinessData d = new LineOfBusinessData("A~1~1", mine, null);
        mine.put("B", "2");
        assertThat(d.fields()).containsExactly(Map.entry("A", "1"));
        LineOfBusinessData decoded = LineOfBusinessData.parse("A~1~1~B~1~2");
        assertThat(decoded.fields()).containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decoded.fields().put("C", "3"))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.fields().put("C", "3"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
