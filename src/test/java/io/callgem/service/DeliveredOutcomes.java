package io.callgem.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads what the file sink wrote: every line of every tenant's day files, parsed. */
public final class DeliveredOutcomes {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DeliveredOutcomes() {
    }

    /**
     * Every document under {@code outcomesDir}; a line that is not JSON fails the read. A last
     * line without its line feed is being written (a batch is one write) and is left for later.
     */
    public static List<JsonNode> read(Path outcomesDir) {
        List<JsonNode> documents = new ArrayList<>();
        if (!Files.isDirectory(outcomesDir)) {
            return documents;
        }
        try (Stream<Path> files = Files.walk(outcomesDir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                String text = Files.readString(file);
                int complete = text.lastIndexOf('\n') + 1;
                for (String line : text.substring(0, complete).split("\n")) {
                    if (!line.isEmpty()) {
                        documents.add(MAPPER.readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** How many times each session id (SI, unique per generated outcome) was delivered. */
    public static Map<String, Integer> countBySession(Path outcomesDir) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode document : read(outcomesDir)) {
            counts.merge(document.get("sessionId").asText(), 1, Integer::sum);
        }
        return counts;
    }
}
