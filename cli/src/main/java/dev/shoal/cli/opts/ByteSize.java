package dev.shoal.cli.opts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Memory sizes as Docker's {@code --limit-memory}/{@code --reserve-memory} take them (go-units'
 * {@code RAMInBytes}: {@code 512M}, {@code 1G}, {@code 1.5g}, {@code 64mb}, plain bytes; binary
 * multiples), and go-units' {@code BytesSize} form for printing ({@code 512MiB}, {@code 995.8MiB}).
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private ByteSize() {}

    /**
     * Parses a size into bytes.
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) throw new IllegalArgumentException("invalid size: '" + text + "' (use a number and an optional unit b, k, m, g, t, p, e.g. 512m)");
        BigDecimal size;
        try {
            size = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        int power = "kmgtp".indexOf(unit.isEmpty() ? 'x' : unit.charAt(0)) + 1;
        BigDecimal bytes = size.multiply(BigDecimal.valueOf(1024).pow(power));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) throw new IllegalArgumentException("invalid size: '" + text + "': too large");
        return bytes.longValue();
    }

    /** Formats bytes as go-units' {@code BytesSize}: four significant digits and a binary unit. */
    public static String format(long bytes) {
        BigDecimal size = BigDecimal.valueOf(bytes);
        BigDecimal k = BigDecimal.valueOf(1024);
        int i = 0;
        while (size.compareTo(k) >= 0 && i < UNITS.length - 1) {
            size = size.divide(k);
            i++;
        }
        BigDecimal rounded = size.round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return rounded.toPlainString() + UNITS[i];
    }

    /** picocli converter: a size flag value to bytes. */
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
