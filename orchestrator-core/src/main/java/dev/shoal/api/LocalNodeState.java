package dev.shoal.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** This node's membership in a swarm, as Docker's {@code Swarm.LocalNodeState} spells it in JSON. */
public enum LocalNodeState {
    INACTIVE, PENDING, ACTIVE, ERROR, LOCKED;

    @JsonValue
    public String json() { return name().toLowerCase(Locale.ROOT); }
}
