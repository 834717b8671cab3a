package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An amount of CPU (in billionths of a CPU), memory (in bytes) and user-defined generic resources
 * (Docker's {@code GenericResources}, omitted from JSON when empty). Immutable.
 */
public record Resources(@JsonProperty("NanoCPUs") long nanoCpus, @JsonProperty("MemoryBytes") long memoryBytes,
                        @JsonProperty("GenericResources") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<GenericResource> genericResources) {
    public static final Resources NONE = new Resources(0, 0);

    public Resources {
        genericResources = genericResources == null ? List.of() : List.copyOf(genericResources);
    }

    /** CPU and memory only. */
    public Resources(long nanoCpus, long memoryBytes) { this(nanoCpus, memoryBytes, List.of()); }

    /** CPU and memory added; generic resources are not summed (use {@link GenericResource#amount}). */
    public Resources plus(Resources o) { return new Resources(nanoCpus + o.nanoCpus, memoryBytes + o.memoryBytes); }

    /** CPU and memory subtracted; generic resources are not subtracted (use {@link GenericResource#amount}). */
    public Resources minus(Resources o) { return new Resources(nanoCpus - o.nanoCpus, memoryBytes - o.memoryBytes); }

    /** No CPU, no memory and no generic resources. */
    public boolean none() { return nanoCpus == 0 && memoryBytes == 0 && genericResources.isEmpty(); }
}
