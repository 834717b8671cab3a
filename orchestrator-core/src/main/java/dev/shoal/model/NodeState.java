package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** A node's observed state, as the dispatcher sees its session. */
public enum NodeState {
    UNKNOWN, DOWN, READY, DISCONNECTED;

    @JsonValue
    public String json() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** Docker's table spelling: "Ready", "Down", … */
    public String display() { return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT); }
}
