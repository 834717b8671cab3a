package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Tmpfs mount options.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record TmpfsOptions(
        @JsonProperty("size") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long size) implements GoZero.Struct {
}
