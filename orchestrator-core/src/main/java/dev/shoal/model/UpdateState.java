package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a service's rolling update (or rollback) stands, with Docker's spellings. */
public enum UpdateState {
    UPDATING("updating"), PAUSED("paused"), COMPLETED("completed"),
    ROLLBACK_STARTED("rollback_started"), ROLLBACK_PAUSED("rollback_paused"), ROLLBACK_COMPLETED("rollback_completed");

    private final String json;

    UpdateState(String json) { this.json = json; }

    @JsonValue
    public String json() { return json; }

    /** Whether the update (or rollback) is under way and the updater replaces tasks. */
    public boolean inProgress() { return this == UPDATING || this == ROLLBACK_STARTED; }

    /** Whether this is a rollback's state (its tasks roll with the service's RollbackConfig). */
    public boolean rollback() { return this == ROLLBACK_STARTED || this == ROLLBACK_PAUSED || this == ROLLBACK_COMPLETED; }

    /** Parses Docker's spelling. */
    @JsonCreator
    public static UpdateState parse(String s) {
        for (UpdateState u : values()) if (u.json.equals(s.toLowerCase(Locale.ROOT))) return u;
        throw new IllegalArgumentException("invalid update state \"" + s + "\"");
    }
}
