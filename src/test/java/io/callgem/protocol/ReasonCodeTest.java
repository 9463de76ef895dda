package io.callgem.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReasonCodeTest {

    @Test
    void textsAreExactlyAsInTheBrief() {
        String[][] table = {
            {"0", "not made"}, {"1", "busy"}, {"2", "no answer"}, {"3", "fax"}, {"4", "modem"},
            {"5", "answering machine"}, {"6", "call failure"}, {"7", "abandoned"},
            {"8", "interrupted by telephony"}, {"10", "connected"}, {"20", "number unobtainable"},
            {"21", "out of order"}, {"22", "number changed"}, {"23", "incoming calls barred"},
            {"24", "rejected"}, {"25", "not in use"}, {"26", "fast busy"}, {"27", "hi and dry"},
            {"30", "other"}, {"31", "called party hang-up"}, {"32", "agent for callback not logged in"},
        };
        for (String[] row : table) {
            int code = Integer.parseInt(row[0]);
            assertThat(ReasonCode.text(code)).as("RE %d", code).isEqualTo(row[1]);
            assertThat(ReasonCode.isKnown(code)).isTrue();
        }
        int known = 0;
        for (int code = -5; code < 1000; code++) {
            if (ReasonCode.isKnown(code)) {
                known++;
            } else {
                assertThat(ReasonCode.text(code)).isEqualTo("unknown");
            }
        }
        assertThat(known).isEqualTo(table.length);
    }

    @Test
    void onlyConnectedIsLive() {
        for (int code = 0; code < 1000; code++) {
            assertThat(ReasonCode.isLive(code)).isEqualTo(code == 10);
        }
    }
}
