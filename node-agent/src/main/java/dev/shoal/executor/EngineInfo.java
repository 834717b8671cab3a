package dev.shoal.executor;

import java.util.Map;

/** What an engine says about its host. */
public record EngineInfo(String hostname, String os, String architecture, long nanoCpus, long memoryBytes,
                         String engineVersion, Map<String, String> labels) {
    public EngineInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
