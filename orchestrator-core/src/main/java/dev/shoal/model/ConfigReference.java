package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A task's use of a config: which one, and the file it appears as. Immutable. */
public record ConfigReference(@JsonProperty("ConfigID") String configId, String configName, FileTarget file) {}
