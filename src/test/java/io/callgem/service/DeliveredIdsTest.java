package io.callgem.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveredIdsTest {

    @TempDir
    Path dir;

    @Test
    void anIdIsAddedOnceAndRememberedAfterARestart() throws Exception {
        Path file = dir.resolve("idempotent/files.dat");
        DeliveredIds ids = new DeliveredIds(file, 100, 0);
        ids.start();
        assertThat(ids.add("a")).isTrue();
        assertThat(ids.add("b")).isTrue();
        assertThat(ids.add("a")).isFalse();
        assertThat(ids.contains("b")).isTrue();
        ids.stop();

        DeliveredIds again = new DeliveredIds(file, 100, 0);
        again.start();
        assertThat(again.contains("a")).isTrue();
        assertThat(again.add("b")).isFalse();
        assertThat(again.add("c")).isTrue();
        again.stop();
        assertThat(Files.readAllLines(file)).containsExactly("a", "b", "c");
    }

    @Test
    void aBatchIsFilteredToItsUnseenIdsAndRememberedInOneAppend() throws Exception {
        Path file = dir.resolve("idempotent/jms.dat");
        DeliveredIds ids = new DeliveredIds(file, 100, 0);
        ids.start();
        ids.add("a");
        java.util.List<String> batch = java.util.List.of("a-1", "b-1", "c-1", "b-2", "d-1");

        java.util.List<String> unseen = ids.unseen(batch, item -> item.substring(0, 1));
        assertThat(unseen).containsExactly("b-1", "c-1", "d-1");

        ids.addAll(java.util.List.of("b", "c", "b", "d"));
        assertThat(ids.unseen(batch, item -> item.substring(0, 1))).isEmpty();
        ids.stop();
        assertThat(Files.readAllLines(file)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void readsTheLedgerOfCamelsFileRepository() throws Exception {
        Path file = dir.resolve("jms.dat");
        Files.writeString(file, "x\ny\n", StandardCharsets.UTF_8);
        DeliveredIds ids = new DeliveredIds(file, 100, 0);
        ids.start();
        assertThat(ids.contains("x")).isTrue();
        assertThat(ids.contains("y")).isTrue();
        assertThat(ids.contains("z")).isFalse();
        ids.stop();
    }

    @Test
    void keepsTheNewestInMemoryAndRewritesAFileThatGrewTooLarge() throws Exception {
        Path file = dir.resolve("files.dat");
        DeliveredIds ids = new DeliveredIds(file, 3, 20);
        ids.start();
        for (String id : new String[] {"id1", "id2", "id3", "id4", "id5", "id6"}) {
            ids.add(id);
        }
        assertThat(ids.size()).isEqualTo(3);
        assertThat(ids.contains("id1")).isFalse();
        assertThat(ids.contains("id6")).isTrue();
        assertThat(Files.size(file)).isLessThanOrEqualTo(20);
        ids.stop();

        DeliveredIds again = new DeliveredIds(file, 3, 20);
        again.start();
        assertThat(again.contains("id6")).isTrue();
        assertThat(again.contains("id1")).isFalse();
        again.stop();
    }

    @Test
    void aBatchAddedBeyondTheLimitKeepsTheNewest() throws Exception {
        Path file = dir.resolve("files.dat");
        DeliveredIds ids = new DeliveredIds(file, 3, 0);
        ids.start();
        ids.add("a");
        ids.addAll(java.util.List.of("b", "a", "c", "d", "e"));
        assertThat(ids.size()).isEqualTo(3);
        assertThat(ids.contains("a")).isFalse();
        assertThat(ids.contains("b")).isFalse();
        assertThat(ids.contains("c")).isTrue();
        assertThat(ids.contains("e")).isTrue();
        assertThat(Files.readAllLines(file)).containsExactly("a", "b", "c", "d", "e");
        ids.stop();
    }

    @Test
    void aRemovedIdIsGoneAlsoAfterARestart() throws Exception {
        Path file = dir.resolve("files.dat");
        DeliveredIds ids = new DeliveredIds(file, 10, 0);
        ids.start();
        ids.add("keep");
        ids.add("failed");
        assertThat(ids.remove("failed")).isTrue();
        assertThat(ids.contains("failed")).isFalse();
        ids.stop();

        DeliveredIds again = new DeliveredIds(file, 10, 0);
        again.start();
        assertThat(again.contains("keep")).isTrue();
        assertThat(again.contains("failed")).isFalse();
        again.stop();
    }
}
