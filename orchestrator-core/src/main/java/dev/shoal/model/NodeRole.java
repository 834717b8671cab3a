package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** A node's role in the cluster, as Docker names it in JSON ("worker", "manager"). */
public enum NodeRole {
    WORKER, MANAGER;

    @JsonValue
    public String json() { return name().toLowerCase(java.util.Locale.ROOT); }
}
