package io.callgem.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The newest {@code capacity} ids, in the order they were added, in little memory and few cache
 * misses: an outcome id (32 lowercase hex digits, {@link OutcomeId}) is kept as two longs, any
 * other id as its string. A {@code LinkedHashSet<String>} of outcome ids costs ~120 bytes an id
 * (entry, string, bytes); here it is ~40: a ring of the ids, oldest first, and an
 * open-addressing index (linear probing, removal by backward shift, so no tombstones) whose
 * slots hold an id's ring position with its hash. A probe compares hashes in the index alone and
 * reads the ring only on a match, so an id not held costs one run of adjacent slots, and moving
 * slots on removal needs no ring reads. Both grow as ids come, up to the capacity. Not
 * thread-safe: {@link DeliveredIds} guards it.
 */
final class RecentIds {

    private static final HexFormat HEX = HexFormat.of();

    private static final int FIRST_SIZE = 1024;

    /** An index slot: hash in the high 32 bits, ring position + 1 in the low 31, this bit for a text id. */
    private static final long TEXT = 1L << 31;
    private static final long POSITION = TEXT - 1;

    /** Hex digit values of '0'-'9' and 'a'-'f', -1 for any other char below 128. */
    private static final byte[] DIGITS = new byte[128];

    static {
        Arrays.fill(DIGITS, (byte) -1);
        for (int i = 0; i < 16; i++) {
            DIGITS["0123456789abcdef".charAt(i)] = (byte) i;
        }
    }

    private final int capacity;
    private final int firstSize;
    // the ring: the entry at position p is (ids[2p], ids[2p + 1]), or text[p] when its slot is
    // marked TEXT (text is made for the first text id); it wraps only once full at capacity
    // (until then the oldest is at 0)
    private long[] ids;
    private String[] text;
    private int oldest;
    private int count;
    // 0 = empty; at most half full
    private long[] index;
    private int mask;

    // the id being looked up, parsed once (add and contains reuse it)
    private boolean packed;
    private long high;
    private long low;
    private int hash;

    RecentIds(int capacity) {
        this(capacity, FIRST_SIZE);
    }

    /** Room for {@code firstSize} at first (tests: small, to grow often). */
    RecentIds(int capacity, int firstSize) {
        if (capacity < 1 || firstSize < 1) {
            throw new IllegalArgumentException("capacity and first size must be >= 1: " + capacity + ", " + firstSize);
        }
        this.capacity = capacity;
        this.firstSize = Math.min(capacity, firstSize);
        allocate(this.firstSize);
    }

    private void allocate(int size) {
        ids = new long[2 * size];
        text = text == null ? null : new String[size];   // only once a text id has come
        int slots = Integer.highestOneBit(Math.max(2, size) * 2 - 1) << 1;
        index = new long[slots];
        mask = slots - 1;
    }

    /** Not yet at capacity, and the ring is full: twice the room, the index built anew. */
    private void grow() {
        long[] oldIndex = index;
        long[] oldIds = ids;
        String[] oldText = text;
        allocate((int) Math.min(capacity, 2L * count));
        System.arraycopy(oldIds, 0, ids, 0, 2 * count);
        if (oldText != null) {
            System.arraycopy(oldText, 0, text, 0, count);
        }
        for (long entry : oldIndex) {
            if (entry != 0) {
                index[freeSlot((int) (entry >>> 32))] = entry;
            }
        }
    }

    int size() {
        return count;
    }

    boolean contains(String id) {
        return slotOf(id) >= 0;
    }

    /** Adds {@code id} as the newest unless it is held; the oldest goes when more than capacity. */
    boolean add(String id) {
        if (slotOf(id) >= 0) {
            return false;
        }
        if (count == capacity) {
            removeOldest();
        } else if (count == ids.length / 2) {
            grow();
        }
        int position = (oldest + count) % capacity;
        long entry = (long) hash << 32 | (position + 1);
        if (packed) {
            ids[2 * position] = high;
            ids[2 * position + 1] = low;
        } else {
            if (text == null) {
                text = new String[ids.length / 2];
            }
            text[position] = id;
            entry |= TEXT;
        }
        count++;
        index[freeSlot(hash)] = entry;
        return true;
    }

    private int freeSlot(int idHash) {
        int slot = idHash & mask;
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Removes those of {@code ids} it holds; the others keep their order. Costs a pass over all of them. */
    boolean removeAll(Collection<String> removed) {
        if (removed.stream().noneMatch(this::contains)) {
            return false;
        }
        Set<String> gone = new HashSet<>(removed);
        List<String> rest = inOrder();
        rest.removeIf(gone::contains);
        clear();
        rest.forEach(this::add);
        return true;
    }

    void clear() {
        text = null;
        allocate(firstSize);
        oldest = 0;
        count = 0;
    }

    /** The ids held, oldest first. */
    List<String> inOrder() {
        List<String> held = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            held.add(idAt((oldest + i) % capacity));
        }
        return held;
    }

    private String idAt(int position) {
        String id = text == null ? null : text[position];
        if (id != null) {
            return id;
        }
        return HEX.toHexDigits(ids[2 * position]) + HEX.toHexDigits(ids[2 * position + 1]);
    }

    private void removeOldest() {
        boolean isText = text != null && text[oldest] != null;
        int h = isText ? hash(text[oldest]) : hash(ids[2 * oldest], ids[2 * oldest + 1]);
        int slot = h & mask;
        while ((index[slot] & POSITION) != oldest + 1) {
            slot = (slot + 1) & mask;
        }
        if (isText) {
            text[oldest] = null;
        }
        oldest = (oldest + 1) % capacity;
        count--;
        deleteSlot(slot);
    }

    /** Linear probing's deletion: later entries of the cluster that may not skip the hole move into it. */
    private void deleteSlot(int hole) {
        int next = hole;
        while (true) {
            next = (next + 1) & mask;
            long entry = index[next];
            if (entry == 0) {
                break;
            }
            int home = (int) (entry >>> 32) & mask;
            boolean stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!stays) {
                index[hole] = entry;
                hole = next;
            }
        }
        index[hole] = 0;
    }

    /** The index slot holding {@code id}, or -1; leaves the parsed id in the fields for {@link #add}. */
    private int slotOf(String id) {
        packed = parse(id);
        hash = packed ? hash(high, low) : hash(id);
        int slot = hash & mask;
        long entry;
        while ((entry = index[slot]) != 0) {
            if ((int) (entry >>> 32) == hash && holds((int) (entry & POSITION) - 1, (entry & TEXT) != 0, id)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private boolean holds(int position, boolean isText, String id) {
        if (packed) {
            return !isText && ids[2 * position] == high && ids[2 * position + 1] == low;
        }
        return isText && id.equals(text[position]);
    }

    /** Whether {@code id} is an outcome id; if so, its two halves in {@link #high} and {@link #low}. */
    private boolean parse(String id) {
        if (id.length() != 32) {
            return false;
        }
        long h = 0;
        long l = 0;
        for (int i = 0; i < 16; i++) {
            int hd = digit(id.charAt(i));
            int ld = digit(id.charAt(i + 16));
            if ((hd | ld) < 0) {
                return false;
            }
            h = h << 4 | hd;
            l = l << 4 | ld;
        }
        high = h;
        low = l;
        return true;
    }

    private static int digit(char c) {
        return c < 128 ? DIGITS[c] : -1;
    }

    /** The hash an index slot keeps for {@code id} (tests: to find two ids that share it). */
    static int hashOf(String id) {
        RecentIds probe = new RecentIds(1);
        return probe.parse(id) ? hash(probe.high, probe.low) : hash(id);
    }

    private static int hash(long high, long low) {
        long h = (high ^ Long.rotateLeft(low, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private static int hash(String id) {
        int h = id.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** 32 lowercase hex digits: what {@link OutcomeId} makes, kept as two longs. */
    static boolean isOutcomeId(String id) {
        if (id.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            if (digit(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
