package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code deploy.update_config} or {@code deploy.rollback_config}; a null parallelism means "not set" (Swarm's default 1 applies at deploy).
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record UpdateConfig(
        @JsonProperty("parallelism") Long parallelism,
        @JsonProperty("delay") GoDuration delay,
        @JsonProperty("failure_action") String failureAction,
        @JsonProperty("monitor") GoDuration monitor,
        @JsonProperty("max_failure_ratio") @JsonInclude(JsonInclude.Include.NON_DEFAULT) double maxFailureRatio,
        @JsonProperty("order") String order) implements GoZero.Struct {
}
