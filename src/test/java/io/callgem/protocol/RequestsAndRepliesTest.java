package io.callgem.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestsAndRepliesTest {

    @Test
    void enumerateOutcomes() throws Exception {
        EnumerateOutcomes eo = new EnumerateOutcomes("EOSales1", "Sales1", null, true, true, null, null);
        assertThat(eo.toMessage().toWire()).isEqualTo("EO\\TXEOSales1\\CNSales1\\FO\\SO");
        EnumerateOutcomes full = new EnumerateOutcomes("t", "c", "acme", false, true, 50, "p1");
        assertThat(full.toMessage().toWire()).isEqualTo("EO\\TXt\\CNc\\TDacme\\SO\\CS50\\PSp1");
        assertThat(EnumerateOutcomes.from(SdmpParser.parse(full.toMessage().toWire()))).isEqualTo(full);
        assertThat(EnumerateOutcomes.from(SdmpParser.parse("EO\\CNx\\FO")).transactionId()).isNull();
    }

    @Test
    void endEnumerationAndFinished() throws Exception {
        EndEnumeration ee = new EndEnumeration("t1", "acme");
        assertThat(ee.toMessage().toWire()).isEqualTo("EE\\TXt1\\TDacme");
        assertThat(EndEnumeration.from(SdmpParser.parse("EE\\TXt1"))).isEqualTo(new EndEnumeration("t1", null));
        EnumerationFinished ef = new EnumerationFinished("t1");
        assertThat(ef.toMessage().toWire()).isEqualTo("EF\\TXt1");
        assertThat(EnumerationFinished.from(SdmpParser.parse("EF\\TXt1"))).isEqualTo(ef);
    }

    @Test
    void errorReply() throws Exception {
        ErrorReply er = new ErrorReply("t1", 803, "TX missing");
        assertThat(er.toMessage().toWire()).isEqualTo("ER\\TXt1\\EC803\\FM\"TX missing\"");
        assertThat(ErrorReply.from(SdmpParser.parse("ER\\TXt1\\EC803\\FM\"bad \\XY\"")))
                .isEqualTo(new ErrorReply("t1", 803, "bad \\XY"));
        assertThat(ErrorReply.from(SdmpParser.parse(er.toMessage().toWire()))).isEqualTo(er);
        assertThat(ErrorReply.from(SdmpParser.parse("ER\\ECx")).code()).isEqualTo(ErrorReply.NO_CODE);
    }
}
