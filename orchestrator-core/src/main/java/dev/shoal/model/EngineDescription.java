package dev.shoal.model;

import java.util.Map;

/** The Docker Engine a node runs: its version and its daemon labels. */
public record EngineDescription(String engineVersion, Map<String, String> labels) {
    public EngineDescription {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
