package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One placement preference ({@code spread: node.labels.az}).
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record PlacementPreference(
        @JsonProperty("spread") String spread) implements GoZero.Struct {
}
