package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code deploy.resources.limits}: cpus as written (a decimal string), memory in bytes, pids.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record ResourceLimit(
        @JsonProperty("cpus") String cpus,
        @JsonProperty("memory") UnitBytes memory,
        @JsonProperty("pids") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long pids) implements GoZero.Struct {
}
