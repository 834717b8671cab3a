package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code deploy.restart_policy}.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record RestartPolicy(
        @JsonProperty("condition") String condition,
        @JsonProperty("delay") GoDuration delay,
        @JsonProperty("max_attempts") Long maxAttempts,
        @JsonProperty("window") GoDuration window) implements GoZero.Struct {
}
