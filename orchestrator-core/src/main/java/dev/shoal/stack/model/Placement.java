package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code deploy.placement}.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record Placement(
        @JsonProperty("constraints") List<String> constraints,
        @JsonProperty("preferences") List<PlacementPreference> preferences,
        @JsonProperty("max_replicas_per_node") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long maxReplicasPerNode) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public Placement {
        constraints = constraints == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(constraints));
        preferences = preferences == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(preferences));
    }
}
