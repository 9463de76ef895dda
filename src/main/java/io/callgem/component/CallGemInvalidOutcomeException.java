package io.callgem.component;

import java.util.List;

import io.callgem.protocol.InvalidOutcomeException;
import io.callgem.protocol.Outcome;

/**
 * Strict mode: an OZ failed validation. The exchange body is the outcome as read, with its problems listed.
 */
public class CallGemInvalidOutcomeException extends CallGemException {

    private final transient InvalidOutcomeException invalid;

    public CallGemInvalidOutcomeException(InvalidOutcomeException cause) {
        super("Invalid outcome: " + String.join("; ", cause.problems()), cause);
        this.invalid = cause;
    }

    /** Each problem names the parameter and the rule it broke. */
    public List<String> getProblems() {
        return invalid.problems();
    }

    /** The outcome as read despite its problems. */
    public Outcome getOutcome() {
        return invalid.outcome();
    }
}
