package io.callgem.protocol;

import java.util.Objects;

/**
 * One SDMP parameter: a two-character code and its value. Bare boolean flags and empty values
 * both have the value "". A quoted value ({@code FM"a\b"}) is held without its quotes.
 */
public record Parameter(String code, String value) {
    public Parameter {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(value, "value");
    }

    /** A bare flag such as {@code \FO}. */
    public static Parameter flag(String code) {
        return new Parameter(code, "");
    }
}
