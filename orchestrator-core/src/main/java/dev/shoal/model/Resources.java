package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An amount of CPU (in billionths of a CPU) and memory (in bytes). Immutable. */
public record Resources(@JsonProperty("NanoCPUs") long nanoCpus, @JsonProperty("MemoryBytes") long memoryBytes) {
    public static final Resources NONE = new Resources(0, 0);

    public Resources plus(Resources o) { return new Resources(nanoCpus + o.nanoCpus, memoryBytes + o.memoryBytes); }

    public Resources minus(Resources o) { return new Resources(nanoCpus - o.nanoCpus, memoryBytes - o.memoryBytes); }

    public boolean none() { return nanoCpus == 0 && memoryBytes == 0; }
}
