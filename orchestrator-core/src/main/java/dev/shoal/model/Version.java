package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The optimistic-concurrency version of a stored object: the Raft log index of its last write.
 * Immutable.
 */
public record Version(@JsonProperty("Index") long index) {
    public static final Version NONE = new Version(0);
}
