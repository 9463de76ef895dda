package io.callgem.protocol;

/**
 * Emitted by {@link SdmpFrameDecoder} in place of a frame longer than its limit.
 *
 * @param length length of the discarded frame in characters (code units)
 * @param head   its first characters (at most 64 Ki), for a size-limited log
 */
public record TooLongFrame(long length, String head) {
}
