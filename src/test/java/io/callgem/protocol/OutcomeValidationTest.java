package io.callgem.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each rule of the spec table, in lenient (problem listed) and strict (rejected) mode. */
class OutcomeValidationTest {

    /** A valid OZ; each case appends or replaces one parameter. */
    private static final String BASE = "OZ\\TXEO1\\GAg1\\SIs1\\RE2\\TS46000.5";

    private final OutcomeReader lenient = new OutcomeReader(ZoneOffset.UTC, false);
    private final OutcomeReader strict = new OutcomeReader(ZoneOffset.UTC, true);

    @Test
    void baseIsValid() throws Exception {
        assertThat(strict.read(SdmpParser.parse(BASE)).problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "\\AO12000                 | AO: 12000 out of range 0-9999",
        "\\AO-1                    | AO: -1 out of range 0-9999",
        "\\AOabc                   | AO: 'abc' is not an integer",
        "\\AO                      | AO: '' is not an integer",
        "\\AO99999999999           | AO: '99999999999' is not an integer",
        "\\ANabc\\AN               | AN: duplicate parameter, first value kept",
        "\\AN                      | AN: length 0 out of range 1-80",
        "\\CNSales/1               | CN: forbidden character '/' at index 5",
        "\\CNa:b                   | CN: forbidden character ':' at index 1",
        "\\CNa;                    | CN: forbidden character ';' at index 1",
        "\\CN\"a\\b\"              | CN: forbidden character '\\' at index 1",
        "\\TDacme-1                | TD: must be alphanumeric, found '-' at index 4",
        "\\TD                      | TD: length 0 out of range 1-80",
        "\\IByes                   | IB: flag takes no value, got 'yes'",
        "\\X1-1                    | X1: negative OLE date -1.0",
        "\\X2NaN                   | X2: NaN is not a valid OLE date",
        "\\X3Infinity              | X3: infinite OLE date",
        "\\X4noon                  | X4: 'noon' is not an OLE date",
        "\\DThello                 | DT: data is neither Campaign Manager XML nor KEY~N~value fields",
    })
    void ruleBroken(String extra, String problem) throws Exception {
        assertRule(BASE + extra.trim(), problem);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "\\TXEO1                | \\TX              | TX: length 0 out of range 1-87",
        "\\GAg1                 | \\GA              | GA: length 0 out of range 1-80",
        "\\GAg1                 | \\Q1              | GA: mandatory parameter missing",
        "\\SIs1                 | \\Q1              | SI: mandatory parameter missing",
        "\\TXEO1                | \\Q1              | TX: mandatory parameter missing",
        "\\RE2                  | \\Q1              | RE: mandatory parameter missing",
        "\\RE2                  | \\RE1000          | RE: 1000 out of range 0-999",
        "\\RE2                  | \\REten           | RE: 'ten' is not an integer",
        "\\TS46000.5            | \\Q1              | TS: mandatory parameter missing",
        "\\TS46000.5            | \\TSNaN           | TS: NaN is not a valid OLE date",
        "\\TS46000.5            | \\TS-0.5          | TS: negative OLE date -0.5",
        "\\TS46000.5            | \\TS-Infinity     | TS: infinite OLE date",
    })
    void mandatoryRule(String replaced, String by, String problem) throws Exception {
        assertRule(BASE.replace(replaced.trim(), by.trim()), problem);
    }

    @Test
    void lengthLimits() throws Exception {
        assertRule(BASE.replace("\\TXEO1", "\\TX" + "t".repeat(88)), "TX: length 88 out of range 1-87");
        assertRule(BASE.replace("\\SIs1", "\\SI" + "s".repeat(121)), "SI: length 121 out of range 1-120");
        assertRule(BASE + "\\T4" + "x".repeat(81), "T4: length 81 out of range 0-80");
        for (String code : new String[] {"AG", "AN", "CN", "DN", "LI", "QN", "TD", "TN", "T1"}) {
            assertRule(BASE + "\\" + code + "a".repeat(81), code + ": length 81 out of range "
                    + (code.equals("DN") || code.equals("TN") || code.equals("T1") ? "0" : "1") + "-80");
        }
        assertRule(BASE + "\\DTK~1~" + "v".repeat(128_000), "DT: length 128004 out of range 1-128000");
        // at the limits: no problem
        Outcome atLimit = strict.read(SdmpParser.parse(BASE.replace("\\TXEO1", "\\TX" + "t".repeat(87))
                .replace("\\SIs1", "\\SI" + "s".repeat(120)) + "\\AN" + "a".repeat(80) + "\\DN\\TN\\T6\\AO9999"));
        assertThat(atLimit.problems()).isEmpty();
        assertThat(atLimit.agentOutcome()).isEqualTo(9999);
        assertThat(strict.read(SdmpParser.parse(BASE.replace("\\RE2", "\\RE999"))).reason()).isEqualTo(999);
        assertThat(strict.read(SdmpParser.parse(BASE.replace("\\RE2", "\\RE0"))).reasonText()).isEqualTo("not made");
    }

    @Test
    void lenientFieldValuesOnProblems() throws Exception {
        Outcome o = lenient.read(SdmpParser.parse(BASE.replace("\\RE2", "\\REx").replace("\\TS46000.5", "\\TSNaN")
                + "\\AO12000\\CNa/b\\DT<x"));
        assertThat(o.reason()).isNull();
        assertThat(o.reasonText()).isNull();
        assertThat(o.liveCall()).isFalse();
        assertThat(o.timestamp()).isNull();
        assertThat(o.agentOutcome()).isNull();
        assertThat(o.campaign()).isEqualTo("a/b");   // strings are kept as received
        assertThat(o.data().raw()).isEqualTo("<x");
        assertThat(o.data().fields()).isEmpty();
        assertThat(o.problems()).hasSize(5).allSatisfy(p -> assertThat(p).matches("^(RE|TS|AO|CN|DT): .+"));
        assertThat(o.problems()).doesNotContain("RE: mandatory parameter missing", "TS: mandatory parameter missing");
    }

    @Test
    void unknownParametersNeverFailAMessage() throws Exception {
        Outcome o = strict.read(SdmpParser.parse(BASE + "\\Z9v\\Q1\\ZZ\"a\\b\""));
        assertThat(o.extra()).containsEntry("Z9", "v").containsEntry("Q1", "").containsEntry("ZZ", "a\\b");
    }

    @Test
    void otherMessageCodesAreAProblem() throws Exception {
        Outcome o = lenient.read(SdmpParser.parse(BASE.replaceFirst("OZ", "EF")));
        assertThat(o.problems()).containsExactly("EF: message code is not OZ");
    }

    private void assertRule(String wire, String problem) throws Exception {
        SdmpMessage m = SdmpParser.parse(wire);
        Outcome o = lenient.read(m);
        assertThat(o.problems()).containsExactly(problem);
        assertThatThrownBy(() -> strict.read(m))
                .isInstanceOf(InvalidOutcomeException.class)
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((InvalidOutcomeException) e).problems()).containsExactly(problem));
    }
}
