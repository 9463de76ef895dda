package io.callgem.protocol;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The parameters of a parsed frame, kept as offsets into the frame text. The parser runs once
 * per outcome on the event loop; holding offsets instead of ~20 Parameter objects and code
 * strings lets {@link OutcomeReader} read values straight from the frame. Immutable: an
 * {@link AbstractList} without mutators; equal to any List of the same Parameters.
 */
final class FrameParameters extends AbstractList<Parameter> implements RandomAccess {

    private final String frame;
    /** Per parameter: code start, value start, value end (quotes excluded). */
    private final int[] offsets;
    private final int size;

    FrameParameters(String frame, int[] offsets, int size) {
        this.frame = frame;
        this.offsets = offsets;
        this.size = size;
    }

    @Override
    public Parameter get(int index) {
        checkIndex(index);
        return new Parameter(code(index), value(index));
    }

    @Override
    public int size() {
        return size;
    }

    String frame() {
        return frame;
    }

    /** The two code chars as one int: (c0 << 16) | c1. */
    int codeKey(int index) {
        int cs = offsets[index * 3];
        return (frame.charAt(cs) << 16) | frame.charAt(cs + 1);
    }

    String code(int index) {
        int cs = offsets[index * 3];
        return frame.substring(cs, cs + 2);
    }

    int valueStart(int index) {
        return offsets[index * 3 + 1];
    }

    int valueEnd(int index) {
        return offsets[index * 3 + 2];
    }

    String value(int index) {
        int vs = offsets[index * 3 + 1];
        int ve = offsets[index * 3 + 2];
        return vs == ve ? "" : frame.substring(vs, ve);
    }

    /** First value of {@code code}, or null; compares chars in place. */
    String valueOf(String code) {
        if (code.length() != 2) {
            return null;
        }
        char c0 = code.charAt(0);
        char c1 = code.charAt(1);
        for (int i = 0; i < size; i++) {
            int cs = offsets[i * 3];
            if (frame.charAt(cs) == c0 && frame.charAt(cs + 1) == c1) {
                return value(i);
            }
        }
        return null;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
    }
}
