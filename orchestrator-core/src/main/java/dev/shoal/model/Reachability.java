package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a manager is reachable by its Raft peers. */
public enum Reachability {
    UNKNOWN, UNREACHABLE, REACHABLE;

    @JsonValue
    public String json() { return name().toLowerCase(java.util.Locale.ROOT); }
}
