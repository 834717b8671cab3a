package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A service's {@code healthcheck}; a string test has become {@code [CMD-SHELL, test]}.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record HealthCheckConfig(
        @JsonProperty("test") List<String> test,
        @JsonProperty("timeout") GoDuration timeout,
        @JsonProperty("interval") GoDuration interval,
        @JsonProperty("retries") Long retries,
        @JsonProperty("start_period") GoDuration startPeriod,
        @JsonProperty("start_interval") GoDuration startInterval,
        @JsonProperty("disable") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean disable) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public HealthCheckConfig {
        test = test == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(test));
    }
}
