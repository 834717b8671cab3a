package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A secret passed to a CSI plugin.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record VolumeSecret(
        @JsonProperty("key") String key,
        @JsonProperty("secret") String secret) implements GoZero.Struct {
}
