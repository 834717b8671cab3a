package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A service's Windows {@code credential_spec}.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record CredentialSpec(
        @JsonProperty("config") String config,
        @JsonProperty("file") String file,
        @JsonProperty("registry") String registry) implements GoZero.Struct {
}
