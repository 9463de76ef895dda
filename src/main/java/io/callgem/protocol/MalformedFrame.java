package io.callgem.protocol;

/** Emitted by {@link SdmpMessageDecoder} for a frame that does not parse; error names the position. */
public record MalformedFrame(String raw, String error) {
}
