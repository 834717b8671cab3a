package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A cluster volume's access mode.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record AccessMode(
        @JsonProperty("scope") String scope,
        @JsonProperty("sharing") String sharing,
        @JsonProperty("mount_volume") MountVolume mountVolume,
        @JsonProperty("block_volume") BlockVolume blockVolume) implements GoZero.Struct {
}
