package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A service's attachment to one network.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record ServiceNetworkConfig(
        @JsonProperty("aliases") List<String> aliases,
        @JsonProperty("driver_opts") Map<String, String> driverOpts,
        @JsonProperty("ipv4_address") String ipv4Address,
        @JsonProperty("ipv6_address") String ipv6Address) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public ServiceNetworkConfig {
        aliases = aliases == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(aliases));
        driverOpts = driverOpts == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(driverOpts));
    }
}
