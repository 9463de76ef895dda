package io.callgem.protocol;

import org.junit.jupiter.api.Test;

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
    }

    @Test
    void legacyFields() {
        LineOfBusinessData d = LineOfBusinessData.parse("NAME~3~Ann~ACC~5~12345~CITY~0~Leeds");
        assertThat(d.problem()).isNull();
        assertThat(d.fields()).containsExactly(Map.entry("NAME", "Ann"), Map.entry("ACC", "12345"),
                Map.entry("CITY", "Leeds"));
    }

    @Test
    void emptyIsNoData() {
        assertThat(LineOfBusinessData.parse("")).isEqualTo(new LineOfBusinessData("", Map.of(), null));
    }

    @Test
    void brokenXmlKeepsRawWithProblem() {
        LineOfBusinessData d = LineOfBusinessData.parse("<MagicXMLDocument><r><c n=\"a\"");
        assertThat(d.raw()).isEqualTo("<MagicXMLDocument><r><c n=\"a\"");
        assertThat(d.fields()).isEmpty();
        assertThat(d.problem()).startsWith("XML data not readable");
    }
}
