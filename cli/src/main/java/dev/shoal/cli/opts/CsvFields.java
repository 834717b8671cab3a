package dev.shoal.cli.opts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Docker's comma-separated {@code key=value} flag values ({@code --mount}, {@code --secret}, {@code --network}). Stateless. */
final class CsvFields {
    private CsvFields() {}

    /** One field: its key (lower-cased) and value ({@code null} for a bare key such as {@code readonly}). */
    record Field(String key, String value) {}

    static List<Field> parse(String text) {
        List<Field> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            out.add(eq < 0 ? new Field(p.toLowerCase(Locale.ROOT), null)
                    : new Field(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim()));
        }
        return out;
    }

    static String required(Field f, String text) {
        if (f.value() == null || f.value().isEmpty()) {
            throw new IllegalArgumentException("invalid field '" + f.key() + "' must be a key=value pair in '" + text + "'");
        }
        return f.value();
    }
}
