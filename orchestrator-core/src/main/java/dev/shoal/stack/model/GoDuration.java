package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.shoal.stack.GoFormat;
import java.time.Duration;

/**
 * A Go duration ({@code 10s}, {@code 1m30s}, {@code .5s}), kept in nanoseconds and printed as Go
 * prints it ({@code 1m30s}, {@code 2m0s}).
 *
 * @param nanos the length in nanoseconds
 */
public record GoDuration(long nanos) {
    /** Parses Go's duration syntax; {@link IllegalArgumentException} if it is not one. */
    @JsonCreator
    public static GoDuration parse(String text) {
        return new GoDuration(GoFormat.parseDuration(text));
    }

    /** This duration as a {@link Duration}. */
    public Duration toDuration() {
        return Duration.ofNanos(nanos);
    }

    @JsonValue
    @Override
    public String toString() {
        return GoFormat.formatDuration(nanos);
    }
}
