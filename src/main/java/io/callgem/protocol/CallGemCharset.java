package io.callgem.protocol;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The two wire charsets CallGem offers (protocol brief, "Transport"): one byte per character on
 * the ASCII port, UTF-16LE code units on the Unicode port.
 */
public enum CallGemCharset {
    /** ASCII port (6502 by convention). Decoded as ISO-8859-1 so every byte maps to one char, losslessly. */
    ASCII(StandardCharsets.ISO_8859_1, 1, 6502),
    /** Unicode port (6500 by convention). */
    UTF_16LE(StandardCharsets.UTF_16LE, 2, 6500);

    private final Charset charset;
    private final int bytesPerUnit;
    private final int conventionalPort;

    CallGemCharset(Charset charset, int bytesPerUnit, int conventionalPort) {
        this.charset = charset;
        this.bytesPerUnit = bytesPerUnit;
        this.conventionalPort = conventionalPort;
    }

    public Charset charset() {
        return charset;
    }

    /** Bytes per character code unit on the wire: 1 or 2. */
    public int bytesPerUnit() {
        return bytesPerUnit;
    }

    /** The port CallGem conventionally serves this charset on. */
    public int conventionalPort() {
        return conventionalPort;
    }

    /** Accepts "ascii", "utf-16le" (any case), the enum names and a few common aliases. */
    public static CallGemCharset of(String name) {
        if (name == null) {
            throw new IllegalArgumentException("charset name is null");
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "ascii":
            case "us-ascii":
            case "iso-8859-1":
                return ASCII;
            case "utf-16le":
            case "utf_16le":
            case "utf16le":
            case "unicode":
                return UTF_16LE;
            default:
                throw new IllegalArgumentException("unknown CallGem charset '" + name + "', expected ascii or utf-16le");
        }
    }
}
