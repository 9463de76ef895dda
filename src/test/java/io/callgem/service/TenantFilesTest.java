package io.callgem.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantFilesTest {

    @TempDir
    Path dir;

    @Test
    void appendsOneLinePerDocumentToTheTenantsFileOfTheDay() throws Exception {
        TenantFiles files = new TenantFiles(dir);
        files.append("acme", "2026-01-05", "{\"n\":1}");
        files.append("globex", "2026-01-05", "{\"n\":2}");
        files.append("acme", "2026-01-05", "{\"n\":3}");
        files.append("acme", "2026-01-06", "{\"n\":4}");
        files.close();

        assertThat(Files.readAllLines(dir.resolve("acme/2026-01-05.jsonl"))).containsExactly("{\"n\":1}", "{\"n\":3}");
        assertThat(Files.readAllLines(dir.resolve("globex/2026-01-05.jsonl"))).containsExactly("{\"n\":2}");
        assertThat(Files.readAllLines(dir.resolve("acme/2026-01-06.jsonl"))).containsExactly("{\"n\":4}");
    }

    @Test
    void appendsToWhatIsAlreadyThere() throws Exception {
        Files.createDirectories(dir.resolve("acme"));
        Files.writeString(dir.resolve("acme/2026-01-05.jsonl"), "{\"old\":true}\n");
        TenantFiles files = new TenantFiles(dir);
        files.append("acme", "2026-01-05", "{\"new\":true}");
        files.close();

        assertThat(Files.readAllLines(dir.resolve("acme/2026-01-05.jsonl")))
                .containsExactly("{\"old\":true}", "{\"new\":true}");
    }

    @Test
    void startsAFreshFileWhenTheOldOneWasMovedAway() throws Exception {
        TenantFiles files = new TenantFiles(dir);
        Path file = dir.resolve("acme/2026-01-05.jsonl");
        files.append("acme", "2026-01-05", "{\"n\":1}");
        Files.move(file, dir.resolve("acme/2026-01-05.jsonl.1"));
        Thread.sleep(1_100);
        files.append("acme", "2026-01-05", "{\"n\":2}");
        files.close();

        assertThat(Files.readAllLines(file)).containsExactly("{\"n\":2}");
        assertThat(Files.readAllLines(dir.resolve("acme/2026-01-05.jsonl.1"))).containsExactly("{\"n\":1}");
    }

    @Test
    void linesFromManyThreadsNeverInterleave() throws Exception {
        TenantFiles files = new TenantFiles(dir);
        String big = "x".repeat(100_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    files.append("acme", "2026-01-05", "{\"t\":" + thread + ",\"pad\":\"" + big + "\"}");
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        files.close();

        List<String> lines = Files.readAllLines(dir.resolve("acme/2026-01-05.jsonl"));
        assertThat(lines).hasSize(200).allMatch(l -> l.matches("\\{\"t\":\\d,\"pad\":\"x{100000}\"\\}"));
    }

    @Test
    void neverWritesOutsideTheOutcomesFolder() {
        TenantFiles files = new TenantFiles(dir.resolve("outcomes"));
        assertThatThrownBy(() -> files.append("..", "2026-01-05", "{}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> files.append("acme", "../../x", "{}")).isInstanceOf(IOException.class);
        files.close();
        assertThat(dir.resolve("x.jsonl")).doesNotExist();
    }

    @Test
    void recentLinesAreTheWholeLinesAtTheEndOfTheFile() throws Exception {
        TenantFiles files = new TenantFiles(dir);
        files.append("acme", "2026-01-05", java.util.List.of("{\"n\":1}", "{\"n\":22}", "{\"n\":333}"));
        files.close();
        // a write cut short: no line feed yet
        Files.writeString(dir.resolve("acme/2026-01-05.jsonl"), "{\"n\":4", java.nio.file.StandardOpenOption.APPEND);

        assertThat(files.recentLines("acme", "2026-01-05", 1 << 20)).containsExactly("{\"n\":1}", "{\"n\":22}",
                "{\"n\":333}");
        // the window starts inside the second line: only the third is whole
        assertThat(files.recentLines("acme", "2026-01-05", 20)).containsExactly("{\"n\":333}");
        assertThat(files.recentLines("acme", "2026-01-06", 1 << 20)).isEmpty();
        assertThat(files.recentLines("../acme", "2026-01-05", 1 << 20)).isEmpty();
    }
}
