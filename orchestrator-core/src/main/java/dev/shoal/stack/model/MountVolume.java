package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mount-volume options of a cluster volume.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record MountVolume(
        @JsonProperty("fs_type") String fsType,
        @JsonProperty("mount_flags") List<String> mountFlags) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public MountVolume {
        mountFlags = mountFlags == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(mountFlags));
    }
}
