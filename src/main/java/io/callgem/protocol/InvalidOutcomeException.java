package io.callgem.protocol;

import java.util.List;

/** An OZ rejected in strict mode; {@link #outcome()} is what lenient mode would have delivered. */
public class InvalidOutcomeException extends Exception {
    private final transient Outcome outcome;
    private final List<String> problems;

    public InvalidOutcomeException(List<String> problems, Outcome outcome) {
        super("invalid OZ: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.outcome = outcome;
    }

    public List<String> problems() {
        return problems;
    }

    public Outcome outcome() {
        return outcome;
    }
}
