package dev.shoal.executor;

import dev.shoal.model.GenericResource;
import java.util.List;
import java.util.Map;

/**
 * What an engine says about its host: name, platform, capacity, version, engine labels and the generic
 * resources (GPUs, …) its daemon advertises ({@code node-generic-resources} in {@code daemon.json}, or
 * {@code dockerd --node-generic-resource}). Immutable.
 */
public record EngineInfo(String hostname, String os, String architecture, long nanoCpus, long memoryBytes,
                         String engineVersion, Map<String, String> labels, List<GenericResource> genericResources) {
    public EngineInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        genericResources = genericResources == null ? List.of() : List.copyOf(genericResources);
    }

    /** An engine that advertises no generic resources. */
    public EngineInfo(String hostname, String os, String architecture, long nanoCpus, long memoryBytes,
                      String engineVersion, Map<String, String> labels) {
        this(hostname, os, architecture, nanoCpus, memoryBytes, engineVersion, labels, List.of());
    }
}
