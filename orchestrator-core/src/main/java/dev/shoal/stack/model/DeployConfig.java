package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A service's {@code deploy} section.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record DeployConfig(
        @JsonProperty("mode") String mode,
        @JsonProperty("replicas") Long replicas,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("update_config") UpdateConfig updateConfig,
        @JsonProperty("rollback_config") UpdateConfig rollbackConfig,
        @JsonProperty("resources") @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = GoZero.class) Resources resources,
        @JsonProperty("restart_policy") RestartPolicy restartPolicy,
        @JsonProperty("placement") @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = GoZero.class) Placement placement,
        @JsonProperty("endpoint_mode") String endpointMode) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public DeployConfig {
        labels = labels == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }
}
