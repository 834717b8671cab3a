package dev.shoal.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Instants as RFC 3339 UTC strings ({@code 2026-01-01T00:00:00.123Z}), exactly as Jackson's JSR-310
 * module writes them with {@code DateTimeFormatter.ISO_INSTANT} (fraction of 0, 3, 6 or 9 digits), but
 * without the formatter: every task carries three instants, and formatting and parsing them through
 * {@code DateTimeFormatter} was a sixth of the manager's CPU. Strings of that exact shape (years
 * 0000-9999, {@code Z}) are parsed directly; anything else (offsets, numbers) goes to the JSR-310
 * deserializer unchanged. Stateless and thread-safe.
 */
final class InstantJson {
    private InstantJson() {}

    /** A module with the serializer and deserializer; register it after {@code JavaTimeModule}. */
    static SimpleModule module() {
        SimpleModule m = new SimpleModule("shoal-instants");
        m.addSerializer(Instant.class, new Writer());
        m.addDeserializer(Instant.class, new Reader());
        return m;
    }

    /** {@code t} as ISO_INSTANT formats it. */
    static String format(Instant t) {
        long secs = t.getEpochSecond();
        long days = Math.floorDiv(secs, 86_400L);
        int sod = (int) Math.floorMod(secs, 86_400L);
        // days since 1970-01-01 to a civil date (Howard Hinnant's algorithm)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int mo = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (mo <= 2) y++;
        if (y < 0 || y > 9999) return t.toString();
        StringBuilder b = new StringBuilder(30);
        pad(b, (int) y, 4).append('-');
        pad(b, mo, 2).append('-');
        pad(b, d, 2).append('T');
        pad(b, sod / 3600, 2).append(':');
        pad(b, sod / 60 % 60, 2).append(':');
        pad(b, sod % 60, 2);
        int nano = t.getNano();
        if (nano != 0) {
            b.append('.');
            if (nano % 1_000_000 == 0) pad(b, nano / 1_000_000, 3);
            else if (nano % 1000 == 0) pad(b, nano / 1000, 6);
            else pad(b, nano, 9);
        }
        return b.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) b.append('0');
        return b.append(s);
    }

    /** The instant {@code s} denotes if it has the shape {@link #format} writes, else null. */
    static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int y = digits(s, 0, 4);
        int mo = digits(s, 5, 2);
        int d = digits(s, 8, 2);
        int h = digits(s, 11, 2);
        int mi = digits(s, 14, 2);
        int sec = digits(s, 17, 2);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return null;
        int nano = 0;
        if (n > 20) {
            int fl = n - 21;
            if (s.charAt(19) != '.' || fl < 1 || fl > 9) return null;
            int f = digits(s, 20, fl);
            if (f < 0) return null;
            for (int i = fl; i < 9; i++) f *= 10;
            nano = f;
        }
        // a civil date to days since 1970-01-01 (Howard Hinnant's algorithm)
        long yy = mo <= 2 ? y - 1 : y;
        long era = Math.floorDiv(yy, 400);
        long yoe = yy - era * 400;
        long doy = (153L * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        long days = era * 146_097 + doe - 719_468;
        if (d > 28 && daysInMonth(y, mo) < d) return null;
        return Instant.ofEpochSecond(days * 86_400 + h * 3600L + mi * 60L + sec, nano);
    }

    private static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The non-negative number in {@code s[from, from+len)}, or -1 if any character is not a digit. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static final class Writer extends StdSerializer<Instant> {
        Writer() { super(Instant.class); }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }

    private static final class Reader extends StdDeserializer<Instant> {
        private final JsonDeserializer<Instant> fallback = InstantDeserializer.INSTANT;

        Reader() { super(Instant.class); }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                Instant fast = parse(p.getText());
                if (fast != null) return fast;
            }
            return fallback.deserialize(p, ctxt);
        }
    }
}
