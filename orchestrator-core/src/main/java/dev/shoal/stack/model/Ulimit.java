package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ulimit: a single value ({@code nproc: 65535}) or a soft/hard pair. Printed as the single
 * number when it is set, else as {@code {soft, hard}}, as Docker prints it.
 *
 * @param single the single value, 0 if the soft/hard form was used
 * @param soft   the soft limit
 * @param hard   the hard limit
 */
public record Ulimit(long single, long soft, long hard) {
    /** Reads a number or a {@code {soft, hard}} mapping. */
    @JsonCreator
    public static Ulimit of(Object value) {
        if (value instanceof Number) return new Ulimit(((Number) value).longValue(), 0, 0);
        if (value instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) value;
            return new Ulimit(0, num(m.get("soft")), num(m.get("hard")));
        }
        throw new IllegalArgumentException("invalid type " + (value == null ? "nil" : value.getClass().getSimpleName()) + " for ulimits");
    }

    private static long num(Object o) {
        return o instanceof Number ? ((Number) o).longValue() : 0;
    }

    /** The printed form. */
    @JsonValue
    public Object toValue() {
        if (single != 0) return single;
        Map<String, Object> m = new LinkedHashMap<>();
        if (soft != 0) m.put("soft", soft);
        if (hard != 0) m.put("hard", hard);
        return m;
    }
}
