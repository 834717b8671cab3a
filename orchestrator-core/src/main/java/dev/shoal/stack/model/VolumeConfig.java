package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A top-level volume. An external volume's {@code name} is always set (its key if not given).
 *
 * <p>{@code extras} holds the {@code x-*} extension keys, printed inline as Docker does.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record VolumeConfig(
        @JsonProperty("name") String name,
        @JsonProperty("driver") String driver,
        @JsonProperty("driver_opts") Map<String, String> driverOpts,
        @JsonProperty("external") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean external,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("x-cluster-spec") ClusterVolumeSpec xClusterSpec,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public VolumeConfig {
        driverOpts = driverOpts == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(driverOpts));
        labels = labels == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        extras = extras == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extras));
    }
}
