package dev.shoal.cli.opts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker's {@code -f key=value} flags as the API's filter map (key to values, values of one key being
 * alternatives). Stateless.
 */
public final class FilterFlags {
    private FilterFlags() {}

    /**
     * Parses the flags, accepting only {@code allowed} keys (listed in the error in the given order).
     *
     * @throws IllegalArgumentException "bad format of filter 'x' (expected name=value)" or
     *         "invalid filter 'k' (supported: a, b)"
     */
    public static Map<String, List<String>> parse(List<String> flags, List<String> allowed) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        Set<String> keys = Set.copyOf(allowed);
        for (String f : flags) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? f : f.substring(0, eq);
            if (eq <= 0 || eq == f.length() - 1) throw new IllegalArgumentException("bad format of filter '" + f + "' (expected name=value)");
            if (!keys.contains(key)) throw new IllegalArgumentException("invalid filter '" + key + "' (supported: " + String.join(", ", allowed) + ")");
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(f.substring(eq + 1));
        }
        return m;
    }
}
