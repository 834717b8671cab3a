package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A network's {@code ipam}.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record IpamConfig(
        @JsonProperty("driver") String driver,
        @JsonProperty("config") List<IpamPool> config) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public IpamConfig {
        config = config == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(config));
    }
}
