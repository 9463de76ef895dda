package io.callgem.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdmpParserTest {

    @Test
    void parsesCodeAndParametersInArrivalOrder() throws Exception {
        SdmpMessage m = SdmpParser.parse("OZ\\TXEOSales1\\CNSales1\\ANJoe\\SI001234567890\\RE10\\AO167\\DT");
        assertThat(m.prefix()).isNull();
        assertThat(m.code()).isEqualTo("OZ");
        assertThat(m.parameters()).containsExactly(
                new Parameter("TX", "EOSales1"), new Parameter("CN", "Sales1"), new Parameter("AN", "Joe"),
                new Parameter("SI", "001234567890"), new Parameter("RE", "10"), new Parameter("AO", "167"),
                new Parameter("DT", ""));
        assertThat(m.get("AN")).isEqualTo("Joe");
        assertThat(m.get("DT")).isEmpty();
        assertThat(m.has("DT")).isTrue();
        assertThat(m.has("GA")).isFalse();
        assertThat(m.get("GA")).isNull();
    }

    @Test
    void bareFlagsHaveEmptyValues() throws Exception {
        SdmpMessage m = SdmpParser.parse("EO\\TXEOSales1\\CNSales1\\FO\\SO");
        assertThat(m.parameters()).containsExactly(new Parameter("TX", "EOSales1"), new Parameter("CN", "Sales1"),
                Parameter.flag("FO"), Parameter.flag("SO"));
    }

    @Test
    void messageWithoutParameters() throws Exception {
        SdmpMessage m = SdmpParser.parse("EF");
        assertThat(m.code()).isEqualTo("EF");
        assertThat(m.parameters()).isEmpty();
    }

    @Test
    void sdmp2PrefixIsReported() throws Exception {
        SdmpMessage m = SdmpParser.parse("CG:MA:OZ\\TXt1\\RE2");
        assertThat(m.prefix()).isEqualTo("CG:MA");
        assertThat(m.code()).isEqualTo("OZ");
        assertThat(m.get("RE")).isEqualTo("2");
        assertThat(m.toWire()).isEqualTo("CG:MA:OZ\\TXt1\\RE2");
    }

    @Test
    void quotedValueMayHoldBackslashes() throws Exception {
        SdmpMessage m = SdmpParser.parse("ER\\TXt1\\EC803\\FM\"bad \\TX\\ in C:\\dir\"");
        assertThat(m.get("FM")).isEqualTo("bad \\TX\\ in C:\\dir");
        assertThat(m.get("EC")).isEqualTo("803");
        SdmpMessage again = SdmpParser.parse(m.toWire());
        assertThat(again).isEqualTo(m);
    }

    @Test
    void quotedValueFollowedByMoreParameters() throws Exception {
        SdmpMessage m = SdmpParser.parse("ER\\FM\"a\\b\"\\TXt9");
        assertThat(m.parameters()).containsExactly(new Parameter("FM", "a\\b"), new Parameter("TX", "t9"));
    }

    @Test
    void unknownCodesAreKept() throws Exception {
        SdmpMessage m = SdmpParser.parse("ZZ\\Q9abc\\RE1");
        assertThat(m.code()).isEqualTo("ZZ");
        assertThat(m.parameters()).containsExactly(new Parameter("Q9", "abc"), new Parameter("RE", "1"));
    }

    @Test
    void toWireRoundTrip() throws Exception {
        SdmpMessage m = SdmpMessage.of("EO", new Parameter("TX", "a"), Parameter.flag("FO"), new Parameter("CN", "x y"));
        assertThat(m.toWire()).isEqualTo("EO\\TXa\\FO\\CNx y");
        assertThat(SdmpParser.parse(m.toWire())).isEqualTo(m);
    }

    @Test
    void parsedMessageEqualsBuiltMessageAndIsImmutable() throws Exception {
        SdmpMessage parsed = SdmpParser.parse("EO\\TXa\\FO\\FM\"x\\y\"");
        SdmpMessage built = SdmpMessage.of("EO", new Parameter("TX", "a"), Parameter.flag("FO"), new Parameter("FM", "x\\y"));
        assertThat(parsed).isEqualTo(built);
        assertThat(built).isEqualTo(parsed);
        assertThat(parsed.hashCode()).isEqualTo(built.hashCode());
        assertThat(parsed.parameters().get(2)).isEqualTo(new Parameter("FM", "x\\y"));
        assertThatThrownBy(() -> parsed.parameters().add(Parameter.flag("SO")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> parsed.parameters().get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void loneBackslashNamesItsPosition() {
        assertParseError("OZ\\TXa\\\\REx", 6, "lone backslash");
        assertParseError("OZ\\TXa\\", 6, "lone backslash");
    }

    @Test
    void oneLetterCodesAreRejected() {
        assertParseError("O\\TXa", 0, "message code");
        assertParseError("OZ\\TXa\\R", 7, "one-character parameter code 'R'");
        assertParseError("OZ\\T\\REa", 3, "one-character");
    }

    @Test
    void binaryGarbageIsAParseError() {
        assertParseError("\u0001\u00ff\u0000", 0, "message code");
        assertParseError("OZ\\\u0003\u0004x", 3, "parameter code");
        assertParseError("", 0, "empty frame");
    }

    @Test
    void unterminatedQuoteIsAParseError() {
        assertParseError("ER\\FM\"abc\\TX", 5, "unterminated quoted value of FM");
    }

    @Test
    void badRoutingPrefix() {
        assertParseError("CG::OZ\\TXa", 3, "empty SDMP2 routing field");
        assertParseError("C#:OZ\\TXa", 1, "routing prefix");
    }

    private static void assertParseError(String frame, int position, String text) {
        assertThatThrownBy(() -> SdmpParser.parse(frame))
                .isInstanceOf(SdmpParseException.class)
                .hasMessageContaining(text)
                .hasMessageContaining("at position " + position)
                .satisfies(e -> assertThat(((SdmpParseException) e).position()).isEqualTo(position));
    }

    @Test
    void messageDecoderTurnsErrorsIntoMalformedFrames() {
        Object ok = SdmpMessageDecoder.decode("EF\\TXa");
        assertThat(ok).isEqualTo(new SdmpMessage(null, "EF", List.of(new Parameter("TX", "a"))));
        Object bad = SdmpMessageDecoder.decode("OZ\\");
        assertThat(bad).isInstanceOf(MalformedFrame.class);
        assertThat(((MalformedFrame) bad).raw()).isEqualTo("OZ\\");
        assertThat(((MalformedFrame) bad).error()).contains("position 2");
    }
}
