package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Block-volume marker of a cluster volume; it has no options.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record BlockVolume() implements GoZero.Struct {
}
