package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** When a task that ended is replaced: never, only when it failed, or always (Swarm's default). */
public enum RestartCondition {
    NONE("none"), ON_FAILURE("on-failure"), ANY("any");

    private final String json;

    RestartCondition(String json) { this.json = json; }

    @JsonValue
    public String json() { return json; }

    /** Parses Docker's spelling; throws IllegalArgumentException naming the accepted values. */
    @JsonCreator
    public static RestartCondition parse(String s) {
        for (RestartCondition c : values()) if (c.json.equals(s.toLowerCase(Locale.ROOT))) return c;
        throw new IllegalArgumentException("invalid restart condition \"" + s + "\": must be one of none, on-failure, any");
    }
}
