package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A discrete generic resource: a kind and a count.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record DiscreteResource(
        @JsonProperty("kind") @JsonInclude(JsonInclude.Include.ALWAYS) String kind,
        @JsonProperty("value") @JsonInclude(JsonInclude.Include.ALWAYS) long value) implements GoZero.Struct {
}
