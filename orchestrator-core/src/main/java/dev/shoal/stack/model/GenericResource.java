package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code generic_resources}.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record GenericResource(
        @JsonProperty("discrete_resource_spec") DiscreteResource discreteResourceSpec) implements GoZero.Struct {
}
