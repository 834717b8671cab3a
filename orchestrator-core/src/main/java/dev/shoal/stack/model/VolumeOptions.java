package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Volume mount options.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record VolumeOptions(
        @JsonProperty("nocopy") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean nocopy,
        @JsonProperty("subpath") String subpath) implements GoZero.Struct {
}
