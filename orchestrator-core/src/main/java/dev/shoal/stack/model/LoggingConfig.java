package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A service's {@code logging}.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record LoggingConfig(
        @JsonProperty("driver") String driver,
        @JsonProperty("options") Map<String, String> options) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public LoggingConfig {
        options = options == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }
}
