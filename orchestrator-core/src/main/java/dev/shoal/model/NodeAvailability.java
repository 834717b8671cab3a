package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether the scheduler may place tasks on a node: active, pause (nothing new), drain (move everything off). */
public enum NodeAvailability {
    ACTIVE, PAUSE, DRAIN;

    @JsonValue
    public String json() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** Docker's table spelling: "Active", "Pause", "Drain". */
    public String display() { return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT); }
}
