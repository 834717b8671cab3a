package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The whole loaded stack: the merged, normalised result of one or more stack files, as {@code docker stack config} prints it.
 *
 * <p>{@code extras} holds the {@code x-*} extension keys, printed inline as Docker does.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record StackConfig(
        @JsonProperty("version") @JsonInclude(JsonInclude.Include.ALWAYS) String version,
        @JsonProperty("services") @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, ServiceConfig> services,
        @JsonProperty("networks") Map<String, NetworkConfig> networks,
        @JsonProperty("volumes") Map<String, VolumeConfig> volumes,
        @JsonProperty("secrets") Map<String, FileObjectConfig> secrets,
        @JsonProperty("configs") Map<String, FileObjectConfig> configs,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public StackConfig {
        services = services == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
        networks = networks == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(networks));
        volumes = volumes == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(volumes));
        secrets = secrets == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secrets));
        configs = configs == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(configs));
        extras = extras == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extras));
    }
}
