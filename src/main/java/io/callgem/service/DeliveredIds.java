package io.callgem.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The ids one sink has delivered: the newest {@code size} in memory ({@link RecentIds}, ~40
 * bytes an outcome id), all of them appended to a file, one per line, so they survive a
 * restart. Replaces Camel's FileIdempotentRepository, which scans its whole file on every new
 * id (the benchmark's profile: quadratic, a few hundred outcomes a second after a few
 * thousand); here a lookup is a hash lookup and an add one append. When the file outgrows
 * {@code maxFileBytes} it is rewritten with the ids held in memory (through a temporary file
 * and an atomic move, so a crash keeps one of the two).
 */
public final class DeliveredIds extends ServiceSupport implements IdempotentRepository {

    private final Path file;
    private final long maxFileBytes;
    private final RecentIds ids;
    private FileChannel out;
    private long fileBytes;

    public DeliveredIds(Path file, int size, long maxFileBytes) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1: " + size);
        }
        this.file = file;
        this.ids = new RecentIds(size);
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    protected synchronized void doStart() throws IOException {
        ids.clear();
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.filter(line -> !line.isEmpty()).forEach(this::remember);
            }
        }
        out = open();
        fileBytes = out.size();
    }

    @Override
    protected synchronized void doStop() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    @Override
    public synchronized boolean add(String key) {
        if (ids.contains(key)) {
            return false;
        }
        remember(key);
        append(key);
        return true;
    }

    /** The items whose key is not remembered, each key once (the first item with it), in order. */
    public synchronized <T> List<T> unseen(List<T> items, Function<T, String> key) {
        List<T> unseen = new ArrayList<>(items.size());
        Set<String> keys = new HashSet<>(2 * items.size());
        for (T item : items) {
            String k = key.apply(item);
            if (keys.add(k) && !ids.contains(k)) {
                unseen.add(item);
            }
        }
        return unseen;
    }

    /** Remembers the keys not yet known, appended to the file in one write. */
    public synchronized void addAll(List<String> keys) {
        StringBuilder lines = new StringBuilder(keys.size() * 65);
        List<String> added = new ArrayList<>(keys.size());
        for (String key : keys) {
            if (ids.add(key)) {   // new: the newest, at the end of the order
                added.add(key);
                lines.append(key).append('\n');
            }
        }
        if (!added.isEmpty()) {
            append(added, lines.toString());
        }
    }

    @Override
    public synchronized boolean contains(String key) {
        return ids.contains(key);
    }

    @Override
    public synchronized boolean remove(String key) {
        if (!ids.removeAll(List.of(key))) {
            return false;
        }
        rewrite();
        return true;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public synchronized void clear() {
        ids.clear();
        rewrite();
    }

    /** Ids held in memory now. */
    public synchronized int size() {
        return ids.size();
    }

    /** {@code key} as the newest (moved there if held: rare, a pass over all). */
    private void remember(String key) {
        if (!ids.add(key)) {
            ids.removeAll(List.of(key));
            ids.add(key);
        }
    }

    private void append(String key) {
        append(List.of(key), key + "\n");
    }

    private void append(List<String> keys, String lines) {
        byte[] line = lines.getBytes(StandardCharsets.UTF_8);
        try {
            if (out == null) {
                out = open();
            }
            write(out, line);
            fileBytes += line.length;
        } catch (IOException e) {
            ids.removeAll(keys);
            throw new UncheckedIOException("Cannot record delivered id in " + file, e);
        }
        if (maxFileBytes > 0 && fileBytes > maxFileBytes) {
            rewrite();
        }
    }

    private void rewrite() {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            StringBuilder all = new StringBuilder(ids.size() * 33);
            for (String id : ids.inOrder()) {
                all.append(id).append('\n');
            }
            Files.writeString(tmp, all, StandardCharsets.UTF_8);
            if (out != null) {
                out.close();
                out = null;
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out = open();
            fileBytes = out.size();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rewrite " + file, e);
        }
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private static void write(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
