package dev.shoal.model;

import java.util.Map;

/** A config as users create it: name, labels and its content (bytes; base64 in JSON). Immutable. */
public record ConfigSpec(String name, Map<String, String> labels, byte[] data) {
    public ConfigSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
