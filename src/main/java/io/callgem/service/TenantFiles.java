package io.callgem.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Route step of the files sink: appends the document as one line to
 * {@code <outcomes.dir>/<tenantDir>/<outcomeDate>.jsonl}. Each line is one write to a file
 * kept open (Camel's file producer opened, appended and closed the file per outcome: the
 * largest cost in the benchmark's profile after the ledger). The line is with the operating
 * system when the step returns, as before. A file is reopened when it was moved or deleted
 * (log rotation): checked at most once a second per file; at most {@link #MAX_OPEN} are open.
 */
@ApplicationScoped
@Named("tenantFiles")
@RegisterForReflection
public class TenantFiles implements Processor {

    static final int MAX_OPEN = 32;
    private static final long CHECK_NANOS = 1_000_000_000L;

    private final Map<Path, OpenFile> open = new LinkedHashMap<>(16, 0.75f, true);

    @ConfigProperty(name = "outcomes.dir", defaultValue = "data/outcomes")
    Path dir;

    private volatile Path root;

    public TenantFiles() {
    }

    /** For tests: files under {@code dir}. */
    public TenantFiles(Path dir) {
        this.dir = dir;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String tenantDir = Objects.requireNonNull(in.getHeader(OutcomeToDocument.TENANT_DIR, String.class), "tenantDir");
        String date = Objects.requireNonNull(in.getHeader(OutcomeToDocument.OUTCOME_DATE, String.class), "outcomeDate");
        append(tenantDir, date, in.getMandatoryBody(String.class));
    }

    /** Appends {@code document} and a line feed to the tenant's file of the day, in one write. */
    public void append(String tenantDir, String date, String document) throws IOException {
        append(tenantDir, date, List.of(document));
    }

    /** Appends the documents, each as a line, to the tenant's file of the day, in one write. */
    public void append(String tenantDir, String date, List<String> documents) throws IOException {
        Path root = root();
        Path file = root.resolve(tenantDir).resolve(date + ".jsonl").normalize();
        if (!file.startsWith(root) || file.getParent().equals(root)) {
            throw new IOException("Refusing to write outside " + root + ": " + file);
        }
        ByteBuffer lines = lines(documents);
        synchronized (open) {
            OpenFile target = channel(file);
            try {
                while (lines.hasRemaining()) {
                    target.channel.write(lines);
                }
            } catch (IOException e) {
                close(open.remove(file));
                throw e;
            }
        }
    }

    /**
     * The complete lines in the last {@code maxBytes} of the tenant's file of the day (none
     * without the file): what was appended last, perhaps by a process that died before it could
     * remember it.
     */
    public List<String> recentLines(String tenantDir, String date, int maxBytes) throws IOException {
        Path file = root().resolve(tenantDir).resolve(date + ".jsonl").normalize();
        if (!file.startsWith(root()) || !Files.isRegularFile(file)) {
            return List.of();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = Math.max(0, channel.size() - maxBytes);
            ByteBuffer tail = ByteBuffer.allocate((int) (channel.size() - start));
            while (tail.hasRemaining() && channel.read(tail, start + tail.position()) > 0) {
                // until the end as it was when opened
            }
            String text = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
            int first = start == 0 ? 0 : text.indexOf('\n') + 1;       // a line cut by the window is not whole
            int last = text.lastIndexOf('\n');                           // nor is one without its line feed
            return first > last ? List.of() : OutcomeBatch.documents(text.substring(first, last));
        }
    }

    private static ByteBuffer lines(List<String> documents) {
        byte[][] encoded = new byte[documents.size()][];
        int size = 0;
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = documents.get(i).getBytes(StandardCharsets.UTF_8);
            size += encoded[i].length + 1;
        }
        ByteBuffer lines = ByteBuffer.allocate(size);
        for (byte[] line : encoded) {
            lines.put(line).put((byte) '\n');
        }
        return lines.flip();
    }

    private Path root() {
        Path r = root;
        if (r == null) {
            r = dir.toAbsolutePath().normalize();
            root = r;
        }
        return r;
    }

    /** Closes every open file. */
    @PreDestroy
    public void close() {
        synchronized (open) {
            open.values().forEach(TenantFiles::close);
            open.clear();
        }
    }

    private OpenFile channel(Path file) throws IOException {
        OpenFile current = open.get(file);
        long now = System.nanoTime();
        if (current != null && now - current.checkedAt > CHECK_NANOS) {
            if (sameFile(file, current.fileKey)) {
                current.checkedAt = now;
            } else {
                close(open.remove(file));
                current = null;
            }
        }
        if (current == null) {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            current = new OpenFile(channel, fileKey(file), now);
            open.put(file, current);
            if (open.size() > MAX_OPEN) {
                Iterator<OpenFile> eldest = open.values().iterator();
                close(eldest.next());
                eldest.remove();
            }
        }
        return current;
    }

    private static boolean sameFile(Path file, Object fileKey) {
        try {
            Object now = fileKey(file);
            return now != null && now.equals(fileKey);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static void close(OpenFile file) {
        if (file != null) {
            try {
                file.channel.close();
            } catch (IOException ignored) {
                // nothing was buffered: every line was written through
            }
        }
    }

    private static final class OpenFile {
        final FileChannel channel;
        final Object fileKey;
        long checkedAt;

        OpenFile(FileChannel channel, Object fileKey, long checkedAt) {
            this.channel = channel;
            this.fileKey = fileKey;
            this.checkedAt = checkedAt;
        }
    }
}
