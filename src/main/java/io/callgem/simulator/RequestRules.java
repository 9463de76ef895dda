package io.callgem.simulator;

import io.callgem.protocol.ErrorReply;
import io.callgem.protocol.Parameter;
import io.callgem.protocol.SdmpMessage;

import java.util.Set;

/**
 * What CallGem rejects in a request, as {@code ER} replies (see the protocol brief, "Subscribing").
 * Only EC803 (TX missing) is documented by Sytel; the other codes are this simulator's.
 */
final class RequestRules {

    /** TX missing (documented). */
    static final int TX_MISSING = 803;
    /** A message code the simulator does not serve. */
    static final int UNSUPPORTED_MESSAGE = 800;
    /** A parameter the request does not take. */
    static final int UNEXPECTED_PARAMETER = 801;
    /** A parameter with a bad value, or neither FO nor SO. */
    static final int INVALID_PARAMETER = 802;
    /** EE for a TX with no enumeration on this connection. */
    static final int UNKNOWN_TRANSACTION = 804;
    /** EO with a TX that is already enumerating on this connection. */
    static final int DUPLICATE_TRANSACTION = 805;

    private static final int MAX_TX_LENGTH = 87;
    private static final Set<String> ENUMERATE_PARAMETERS = Set.of("TX", "CN", "TD", "FO", "SO", "CS", "PS");
    private static final Set<String> ENUMERATE_FLAGS = Set.of("FO", "SO");
    private static final Set<String> END_PARAMETERS = Set.of("TX", "TD");

    private RequestRules() {
    }

    /** The ER for a bad EO, or null when it is acceptable. */
    static ErrorReply checkEnumerate(SdmpMessage eo) {
        String tx = eo.get("TX");
        if (tx == null || tx.isEmpty()) {
            return new ErrorReply(null, TX_MISSING, "TX missing");
        }
        if (tx.length() > MAX_TX_LENGTH) {
            return new ErrorReply(tx, INVALID_PARAMETER, "TX longer than " + MAX_TX_LENGTH + " characters");
        }
        for (Parameter p : eo.parameters()) {
            if (!ENUMERATE_PARAMETERS.contains(p.code())) {
                return new ErrorReply(tx, UNEXPECTED_PARAMETER, "unexpected parameter " + p.code());
            }
            if (ENUMERATE_FLAGS.contains(p.code()) && !p.value().isEmpty()) {
                return new ErrorReply(tx, INVALID_PARAMETER, p.code() + " takes no value");
            }
            if (!ENUMERATE_FLAGS.contains(p.code()) && p.value().isEmpty()) {
                return new ErrorReply(tx, INVALID_PARAMETER, p.code() + " is empty");
            }
        }
        if (!eo.has("FO") && !eo.has("SO")) {
            return new ErrorReply(tx, INVALID_PARAMETER, "neither FO nor SO given");
        }
        String rate = eo.get("CS");
        if (rate != null && !rate.chars().allMatch(Character::isDigit)) {
            return new ErrorReply(tx, INVALID_PARAMETER, "CS is not a number");
        }
        return null;
    }

    /** The ER for a malformed EE, or null when it is well-formed. */
    static ErrorReply checkEnd(SdmpMessage ee) {
        String tx = ee.get("TX");
        if (tx == null || tx.isEmpty()) {
            return new ErrorReply(null, TX_MISSING, "TX missing");
        }
        for (Parameter p : ee.parameters()) {
            if (!END_PARAMETERS.contains(p.code())) {
                return new ErrorReply(tx, UNEXPECTED_PARAMETER, "unexpected parameter " + p.code());
            }
        }
        return null;
    }
}
