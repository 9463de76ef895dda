package io.callgem.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The newest {@code capacity} ids, in the order they were added, in little memory: an outcome id
 * (32 lowercase hex digits, {@link OutcomeId}) is kept as two longs, any other id as its string.
 * A {@code LinkedHashSet<String>} of outcome ids costs ~120 bytes an id (entry, string, bytes);
 * here it is ~30: a ring of the ids, oldest first, and an open-addressing index of ring positions
 * (linear probing, removal by backward shift, so no tombstones). Both grow as ids come, up to
 * the capacity. Not thread-safe: {@link DeliveredIds} guards it.
 */
final class RecentIds {

    private static final HexFormat HEX = HexFormat.of();

    private static final int FIRST_SIZE = 1024;

    private final int capacity;
    private final int firstSize;
    // the ring: the entry at position p is (high[p], low[p]) when text[p] is null, else text[p];
    // it wraps only once full at capacity (until then the oldest is at 0)
    private long[] high;
    private long[] low;
    private String[] text;
    private int oldest;
    private int count;
    // ring position + 1 per slot, 0 = empty; at most half full
    private int[] index;
    private int mask;

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
        high = new long[size];
        low = new long[size];
        text = new String[size];
        int slots = Integer.highestOneBit(Math.max(2, size) * 2 - 1) << 1;
        index = new int[slots];
        mask = slots - 1;
    }

    /** Not yet at capacity, and the ring is full: twice the room, the index built anew. */
    private void grow() {
        long[] h = high;
        long[] l = low;
        String[] t = text;
        allocate((int) Math.min(capacity, 2L * count));
        System.arraycopy(h, 0, high, 0, count);
        System.arraycopy(l, 0, low, 0, count);
        System.arraycopy(t, 0, text, 0, count);
        for (int position = 0; position < count; position++) {
            insert(position);
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
        if (contains(id)) {
            return false;
        }
        if (count == capacity) {
            removeOldest();
        } else if (count == high.length) {
            grow();
        }
        int position = (oldest + count) % capacity;
        if (isOutcomeId(id)) {
            high[position] = Long.parseUnsignedLong(id, 0, 16, 16);
            low[position] = Long.parseUnsignedLong(id, 16, 32, 16);
            text[position] = null;
        } else {
            text[position] = id;
        }
        count++;
        insert(position);
        return true;
    }

    private void insert(int position) {
        int slot = home(hash(position));
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = position + 1;
    }

    /** Removes those of {@code ids} it holds; the others keep their order. Costs a pass over all of them. */
    boolean removeAll(Collection<String> ids) {
        if (ids.stream().noneMatch(this::contains)) {
            return false;
        }
        Set<String> gone = new HashSet<>(ids);
        List<String> rest = inOrder();
        rest.removeIf(gone::contains);
        clear();
        rest.forEach(this::add);
        return true;
    }

    void clear() {
        allocate(firstSize);
        oldest = 0;
        count = 0;
    }

    /** The ids held, oldest first. */
    List<String> inOrder() {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(idAt((oldest + i) % capacity));
        }
        return ids;
    }

    private String idAt(int position) {
        String id = text[position];
        if (id != null) {
            return id;
        }
        return HEX.toHexDigits(high[position]) + HEX.toHexDigits(low[position]);
    }

    private void removeOldest() {
        int slot = home(hash(oldest));
        while (index[slot] != oldest + 1) {
            slot = (slot + 1) & mask;
        }
        text[oldest] = null;
        oldest = (oldest + 1) % capacity;
        count--;
        deleteSlot(slot);
    }

    /** Linear probing's deletion: later entries of the cluster that may not skip the hole move into it. */
    private void deleteSlot(int hole) {
        int next = hole;
        while (true) {
            next = (next + 1) & mask;
            if (index[next] == 0) {
                break;
            }
            int home = home(hash(index[next] - 1));
            boolean stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!stays) {
                index[hole] = index[next];
                hole = next;
            }
        }
        index[hole] = 0;
    }

    /** The index slot holding {@code id}, or -1. */
    private int slotOf(String id) {
        boolean packed = isOutcomeId(id);
        long h = packed ? Long.parseUnsignedLong(id, 0, 16, 16) : 0;
        long l = packed ? Long.parseUnsignedLong(id, 16, 32, 16) : 0;
        int slot = home(packed ? hash(h, l) : hash(id));
        int entry;
        while ((entry = index[slot]) != 0) {
            int position = entry - 1;
            String held = text[position];
            if (packed ? held == null && high[position] == h && low[position] == l : id.equals(held)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private int hash(int position) {
        String id = text[position];
        return id == null ? hash(high[position], low[position]) : hash(id);
    }

    private static int hash(long high, long low) {
        long h = high * 0x9E3779B97F4A7C15L ^ low;
        return (int) (h ^ (h >>> 32));
    }

    private static int hash(String id) {
        int h = id.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private int home(int hash) {
        return hash & mask;
    }

    /** 32 lowercase hex digits: what {@link OutcomeId} makes, kept as two longs. */
    static boolean isOutcomeId(String id) {
        if (id.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
