package dev.shoal.cli.opts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code key=value} flag value such as a label ({@code -l tier=web}; a bare {@code key} means an
 * empty value, as in Docker). Immutable.
 *
 * @param key   the non-empty key
 * @param value the value, empty when none was given
 */
public record KeyValue(String key, String value) {
    /**
     * Parses {@code key=value} or {@code key}.
     *
     * @throws IllegalArgumentException when the key is empty
     */
    public static KeyValue parse(String text) {
        int eq = text.indexOf('=');
        String key = eq < 0 ? text : text.substring(0, eq);
        if (key.isBlank()) throw new IllegalArgumentException("invalid key=value '" + text + "': empty key");
        return new KeyValue(key, eq < 0 ? "" : text.substring(eq + 1));
    }

    /** The pairs as a map in flag order; a later key wins, as in Docker. */
    public static Map<String, String> toMap(List<KeyValue> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        if (pairs != null) for (KeyValue kv : pairs) m.put(kv.key(), kv.value());
        return m;
    }

    /** picocli converter for label flags. */
    public static final class Converter implements ITypeConverter<KeyValue> {
        @Override
        public KeyValue convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
