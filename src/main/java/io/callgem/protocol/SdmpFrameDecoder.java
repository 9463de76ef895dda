package io.callgem.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits CallGem's byte stream into frames and decodes each to a String. NUL, CR LF and LF all
 * end a frame and empty frames are skipped (protocol brief, "Transport"). In UTF-16LE a
 * terminator is a whole 2-byte code unit at an even offset from the frame start, so the 00 high
 * byte of a character is never taken for a NUL.
 *
 * <p>A frame longer than {@code maxFrameLength} characters is discarded and a {@link TooLongFrame}
 * is emitted in its place once its end arrives; the frames after it decode normally.
 * The limit counts characters (code units), not bytes, so a 128,000-character DT fits in both charsets.
 *
 * <p>UTF-16LE that is not valid (an unpaired surrogate) is not replaced silently: the frame
 * becomes a {@link MalformedFrame} (its raw text with U+FFFD in place of the bad units), so it
 * is counted and dead-lettered instead of delivered with a corrupted value. A stray odd byte
 * shifts every later code unit by one; the frame it lands in comes out malformed, and the
 * next frame start is realigned (an SDMP frame starts with ASCII, so a start that reads
 * {@code 00 c 00 c 00} is one byte off), so the frames after it decode again.
 *
 * <p>Stateful: one instance per channel.
 */
public final class SdmpFrameDecoder extends ByteToMessageDecoder {

    public static final int DEFAULT_MAX_FRAME_LENGTH = 256 * 1024;
    /** How much of a discarded frame {@link TooLongFrame#head()} keeps. */
    public static final int MAX_HEAD_CHARS = 64 * 1024;

    private static final ByteProcessor FIND_NUL_OR_LF = b -> b != 0 && b != '\n';

    private final Charset charset;
    /** UTF-16LE only: a decoder that reports malformed input instead of replacing it. */
    private final CharsetDecoder strictUtf16;
    private final int unit;
    private final int maxFrameLength;

    /** Bytes after readerIndex already scanned without finding a terminator (whole units). */
    private int scanned;
    private boolean discarding;
    private long discardedLength;
    private String discardedHead;
    private long discardedFrames;

    public SdmpFrameDecoder(CallGemCharset charset) {
        this(charset, DEFAULT_MAX_FRAME_LENGTH);
    }

    public SdmpFrameDecoder(CallGemCharset charset, int maxFrameLength) {
        if (maxFrameLength <= 0) {
            throw new IllegalArgumentException("maxFrameLength must be positive: " + maxFrameLength);
        }
        this.charset = charset.charset();
        this.unit = charset.bytesPerUnit();
        this.strictUtf16 = unit == 2 ? StandardCharsets.UTF_16LE.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT) : null;
        this.maxFrameLength = maxFrameLength;
    }

    /** Frames discarded for exceeding the limit since this decoder was created. */
    public long discardedFrames() {
        return discardedFrames;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (unit == 2 && scanned == 0 && !discarding) {
            int off = oneByteOff(in);
            if (off < 0) {
                return;
            }
            in.skipBytes(off);
        }
        int start = in.readerIndex();
        int end = in.writerIndex();
        int term = findTerminator(in, start + scanned, end);
        if (term < 0) {
            int whole = (end - start) - (end - start) % unit;
            if (discarding) {
                discardedLength += whole / unit;
                in.skipBytes(whole);
                scanned = 0;
            } else if (whole / unit > maxFrameLength) {
                discardedFrames++;
                discarding = true;
                discardedHead = in.toString(start, Math.min(whole / unit, MAX_HEAD_CHARS) * unit, charset);
                discardedLength = whole / unit;
                in.skipBytes(whole);
                scanned = 0;
            } else {
                scanned = whole;
            }
            return;
        }
        scanned = 0;
        int contentEnd = term;
        if (isUnit(in, term, '\n') && term - start >= unit && isUnit(in, term - unit, '\r')) {
            contentEnd -= unit;
        }
        int chars = (contentEnd - start) / unit;
        if (discarding) {
            TooLongFrame tooLong = new TooLongFrame(discardedLength + chars, discardedHead);
            discarding = false;
            discardedHead = null;
            discardedLength = 0;
            in.readerIndex(term + unit);
            out.add(tooLong);
        } else if (chars > maxFrameLength) {
            discardedFrames++;
            String head = in.toString(start, Math.min(chars, MAX_HEAD_CHARS) * unit, charset);
            in.readerIndex(term + unit);
            out.add(new TooLongFrame(chars, head));
        } else if (chars == 0) {
            in.readerIndex(term + unit);   // empty frame (e.g. NUL followed by CR LF): skipped
        } else {
            Object frame = unit == 2 ? decodeUtf16(in, start, contentEnd - start)
                    : in.toString(start, contentEnd - start, charset);
            in.readerIndex(term + unit);
            out.add(frame);
        }
    }

    /** The frame's text, or a {@link MalformedFrame} when it is not valid UTF-16LE. */
    private Object decodeUtf16(ByteBuf in, int index, int length) {
        ByteBuffer bytes = in.nioBufferCount() == 1 ? in.nioBuffer(index, length)
                : ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(in, index, length));
        try {
            strictUtf16.reset();
            CharBuffer chars = strictUtf16.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            String raw = in.toString(index, length, charset);
            int at = raw.indexOf('\uFFFD');
            return new MalformedFrame(raw, "invalid UTF-16LE (unpaired surrogate) at character " + at);
        }
    }

    /**
     * At a frame start in UTF-16LE: {@code 00 c 00 c 00} (c printable ASCII) is the high byte
     * of a terminator followed by ASCII read one byte off, as after a stray odd byte; valid
     * SDMP never starts with U+xx00. 1: skip a byte, 0: aligned, -1: undecided, wait for more.
     */
    private static int oneByteOff(ByteBuf in) {
        int i = in.readerIndex();
        int readable = Math.min(in.readableBytes(), 5);
        for (int k = 0; k < readable; k++) {
            byte b = in.getByte(i + k);
            if (k % 2 == 0 ? b != 0 : !printable(b)) {
                return 0;
            }
        }
        return readable == 5 ? 1 : -1;
    }

    private static boolean printable(byte b) {
        return b >= 0x20 && b < 0x7f;
    }

    /** Index of the first terminator unit (NUL or LF) in [from, end), or -1. */
    private int findTerminator(ByteBuf in, int from, int end) {
        if (unit == 1) {
            return from >= end ? -1 : in.forEachByte(from, end - from, FIND_NUL_OR_LF);
        }
        for (int i = from; i + 1 < end; i += 2) {
            short u = in.getShortLE(i);
            if (u == 0 || u == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean isUnit(ByteBuf in, int index, char c) {
        return unit == 1 ? in.getByte(index) == c : in.getShortLE(index) == c;
    }
}
