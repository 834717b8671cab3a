package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a secret or config appears in a container: a file {@code name} (relative names go under
 * {@code /run/secrets/} for secrets and {@code /} for configs), its owner and mode. Immutable.
 */
public record FileTarget(String name, @JsonProperty("UID") String uid, @JsonProperty("GID") String gid, Integer mode) {
    /** Docker's default mode for secret and config files: 0444. */
    public static final int DEFAULT_MODE = 0444;

    public int modeOrDefault() { return mode == null ? DEFAULT_MODE : mode; }
}
