package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Cluster (CSI) mount options; none are defined.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record ClusterOptions() implements GoZero.Struct {
}
