package dev.shoal.cli.opts;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converter for counts such as {@code --replicas}: a whole number, zero or more. */
public final class NonNegativeLong implements ITypeConverter<Long> {
    /**
     * Parses a non-negative whole number.
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static long parse(String text) {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
        if (v < 0) throw new IllegalArgumentException("'" + text + "' must not be negative");
        return v;
    }

    @Override
    public Long convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
