package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code build} section; ignored by stack deploy, kept for {@code stack config}. Unknown keys are dropped, as Docker does.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BuildConfig(
        @JsonProperty("context") String context,
        @JsonProperty("dockerfile") String dockerfile,
        @JsonProperty("args") Map<String, String> args,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("cache_from") List<String> cacheFrom,
        @JsonProperty("extra_hosts") List<String> extraHosts,
        @JsonProperty("network") String network,
        @JsonProperty("target") String target) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public BuildConfig {
        args = args == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        labels = labels == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        cacheFrom = cacheFrom == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(cacheFrom));
        extraHosts = extraHosts == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(extraHosts));
    }
}
