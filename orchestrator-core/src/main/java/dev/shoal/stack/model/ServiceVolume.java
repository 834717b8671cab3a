package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One service mount in the long syntax; short specs are parsed and relative bind sources made absolute.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record ServiceVolume(
        @JsonProperty("type") String type,
        @JsonProperty("source") String source,
        @JsonProperty("target") String target,
        @JsonProperty("read_only") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean readOnly,
        @JsonProperty("consistency") String consistency,
        @JsonProperty("bind") BindOptions bind,
        @JsonProperty("volume") VolumeOptions volume,
        @JsonProperty("image") ImageOptions image,
        @JsonProperty("tmpfs") TmpfsOptions tmpfs,
        @JsonProperty("cluster") ClusterOptions cluster) implements GoZero.Struct {
}
