package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Where a cluster volume may be placed.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record TopologyRequirement(
        @JsonProperty("requisite") List<Topology> requisite,
        @JsonProperty("preferred") List<Topology> preferred) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public TopologyRequirement {
        requisite = requisite == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(requisite));
        preferred = preferred == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(preferred));
    }
}
