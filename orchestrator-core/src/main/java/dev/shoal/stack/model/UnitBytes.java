package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A size in bytes, read from {@code 512m}-style text by the loader and printed, as Docker prints
 * it, as a decimal string ({@code "536870912"}).
 *
 * @param bytes the size in bytes
 */
public record UnitBytes(long bytes) {
    /** Reads the decimal byte count this type prints. */
    @JsonCreator
    public static UnitBytes of(String text) {
        return new UnitBytes(Long.parseLong(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return Long.toString(bytes);
    }
}
