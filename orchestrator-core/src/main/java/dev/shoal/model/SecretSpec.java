package dev.shoal.model;

import java.util.Map;

/** A secret as users create it: name, labels and its value (bytes; base64 in JSON). Immutable. */
public record SecretSpec(String name, Map<String, String> labels, byte[] data) {
    public SecretSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** This spec without its value, as every answer that shows a secret gives it. */
    public SecretSpec withoutData() { return new SecretSpec(name, labels, null); }
}
