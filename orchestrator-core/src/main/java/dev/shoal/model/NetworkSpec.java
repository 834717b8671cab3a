package dev.shoal.model;

import java.util.Map;

/**
 * A swarm network as users declare it (Docker's {@code NetworkSpec}, the fields Shoal uses): its name,
 * labels, driver ("overlay" unless said otherwise), whether standalone containers may attach and whether
 * it is internal (no outside access). Immutable.
 */
public record NetworkSpec(String name, Map<String, String> labels, Driver driverConfiguration, Boolean attachable, Boolean internal) {
    public NetworkSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A network driver by name, with its options. */
    public record Driver(String name, Map<String, String> options) {
        public Driver {
            options = options == null ? Map.of() : Map.copyOf(options);
        }
    }

    public String driverName() { return driverConfiguration == null || driverConfiguration.name() == null ? "overlay" : driverConfiguration.name(); }
}
