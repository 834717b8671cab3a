package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One topology segment set.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record Topology(
        @JsonProperty("segments") Map<String, String> segments) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public Topology {
        segments = segments == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(segments));
    }
}
