package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A top-level secret or config. {@code file} is absolute; an external one has its {@code name} set.
 *
 * <p>{@code extras} holds the {@code x-*} extension keys, printed inline as Docker does.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record FileObjectConfig(
        @JsonProperty("name") String name,
        @JsonProperty("file") String file,
        @JsonProperty("external") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean external,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("driver") String driver,
        @JsonProperty("driver_opts") Map<String, String> driverOpts,
        @JsonProperty("template_driver") String templateDriver,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public FileObjectConfig {
        labels = labels == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        driverOpts = driverOpts == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(driverOpts));
        extras = extras == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extras));
    }
}
