package dev.shoal.model;

import java.util.Map;

/**
 * A mount in a task's container, as Docker's {@code Mount}: {@code type} is "volume" (a named volume on
 * the node, created when missing), "bind" (a host path) or "tmpfs"; {@code source} is the volume name or
 * host path (none for tmpfs). Immutable.
 */
public record Mount(String type, String source, String target, Boolean readOnly, VolumeOptions volumeOptions,
                    TmpfsOptions tmpfsOptions) {
    /** Options of a volume mount: copy the image's content into an empty volume unless {@code noCopy}. */
    public record VolumeOptions(Boolean noCopy, Map<String, String> labels) {}

    /** Options of a tmpfs mount: its size in bytes and its mode bits (0 = defaults). */
    public record TmpfsOptions(Long sizeBytes, Integer mode) {}

    public boolean isReadOnly() { return Boolean.TRUE.equals(readOnly); }
}
