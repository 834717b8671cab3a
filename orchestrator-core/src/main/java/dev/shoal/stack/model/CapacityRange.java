package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A cluster volume's size bounds, in bytes.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record CapacityRange(
        @JsonProperty("required_bytes") UnitBytes requiredBytes,
        @JsonProperty("limit_bytes") UnitBytes limitBytes) implements GoZero.Struct {
}
