package dev.shoal.cli.opts;

import java.math.BigDecimal;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Decimal CPU counts as Docker's {@code --limit-cpu}/{@code --reserve-cpu} take them ({@code 0.5}, {@code 2}), in billionths of a CPU. */
public final class NanoCpus {
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000L);

    private NanoCpus() {}

    /**
     * Parses a decimal CPU count into NanoCPUs.
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static long parse(String text) {
        BigDecimal cpus;
        try {
            cpus = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid CPU count '" + text + "': must be a decimal number such as 0.5 or 2");
        }
        if (cpus.signum() < 0) throw new IllegalArgumentException("invalid CPU count '" + text + "': must not be negative");
        BigDecimal nanos = cpus.multiply(BILLION);
        if (nanos.stripTrailingZeros().scale() > 0) throw new IllegalArgumentException("invalid CPU count '" + text + "': value is too precise");
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) throw new IllegalArgumentException("invalid CPU count '" + text + "': too large");
        return nanos.longValueExact();
    }

    /** Formats NanoCPUs as a decimal CPU count: {@code 0.5}, {@code 2}. */
    public static String format(long nanoCpus) {
        return BigDecimal.valueOf(nanoCpus).divide(BILLION).stripTrailingZeros().toPlainString();
    }

    /** picocli converter: a CPU flag value to NanoCPUs. */
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
