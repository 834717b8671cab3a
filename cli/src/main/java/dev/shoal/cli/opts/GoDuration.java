package dev.shoal.cli.opts;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Go-style durations as Docker's flags take them ({@code 5s}, {@code 1m30s}, {@code 100ms},
 * {@code 1.5h}), converted to nanoseconds, and Go's {@code Duration.String()} form for printing.
 */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d*(?:\\.\\d*)?)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {}

    /**
     * Parses a non-negative Go duration into nanoseconds.
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static long parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.equals("0")) return 0;
        if (s.startsWith("-")) throw new IllegalArgumentException("invalid duration \"" + text + "\": must not be negative");
        if (s.startsWith("+")) s = s.substring(1);
        if (s.isEmpty()) throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        Matcher m = PART.matcher(s);
        BigDecimal total = BigDecimal.ZERO;
        int pos = 0;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\": expected a number and a unit (ns, us, ms, s, m, h), e.g. 1m30s");
            }
            String num = m.group(1);
            if (num.isEmpty() || num.equals(".")) throw new IllegalArgumentException("invalid duration \"" + text + "\"");
            total = total.add(new BigDecimal(num.endsWith(".") ? num + "0" : num).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            pos = m.end();
        }
        if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) throw new IllegalArgumentException("invalid duration \"" + text + "\": too large");
        return total.longValue();
    }

    private static long unitNanos(String unit) {
        switch (unit) {
            case "ns": return 1L;
            case "us": case "µs": case "μs": return 1_000L;
            case "ms": return 1_000_000L;
            case "s": return 1_000_000_000L;
            case "m": return 60_000_000_000L;
            default: return 3_600_000_000_000L;
        }
    }

    /** Formats nanoseconds as Go's {@code time.Duration.String()} does: {@code 0s}, {@code 100ms}, {@code 1m30s}, {@code 1h0m0s}. */
    public static String format(long nanos) {
        if (nanos == 0) return "0s";
        String sign = nanos < 0 ? "-" : "";
        long u = Math.abs(nanos);
        if (u < 1_000_000_000L) {
            if (u < 1_000L) return sign + u + "ns";
            if (u < 1_000_000L) return sign + fraction(u, 1_000L) + "µs";
            return sign + fraction(u, 1_000_000L) + "ms";
        }
        StringBuilder b = new StringBuilder(sign);
        long totalSeconds = u / 1_000_000_000L;
        String seconds = fraction(u % 60_000_000_000L, 1_000_000_000L) + "s";
        long minutes = totalSeconds / 60;
        if (minutes > 0) {
            long hours = minutes / 60;
            if (hours > 0) b.append(hours).append('h');
            b.append(minutes % 60).append('m');
        }
        return b.append(seconds).toString();
    }

    private static String fraction(long value, long unit) {
        return new BigDecimal(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }

    /** picocli converter: a Go duration flag value to nanoseconds. */
    public static final class Converter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
