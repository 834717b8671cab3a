package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A cluster (CSI) volume's {@code x-cluster-spec}.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record ClusterVolumeSpec(
        @JsonProperty("group") String group,
        @JsonProperty("access_mode") AccessMode accessMode,
        @JsonProperty("accessibility_requirements") TopologyRequirement accessibilityRequirements,
        @JsonProperty("capacity_range") CapacityRange capacityRange,
        @JsonProperty("secrets") List<VolumeSecret> secrets,
        @JsonProperty("availability") String availability) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public ClusterVolumeSpec {
        secrets = secrets == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(secrets));
    }
}
