package dev.shoal.cli.opts;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converter for {@code --mode}: {@code replicated}, {@code global}, {@code replicated-job} or
 * {@code global-job}, returned lower-case; anything else is refused with Docker's message.
 */
public final class ModeConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        String m = value.trim().toLowerCase(Locale.ROOT);
        if (m.equals("replicated") || m.equals("global") || m.equals("replicated-job") || m.equals("global-job")) return m;
        throw new TypeConversionException("Unknown mode: " + value + ", only replicated, global, replicated-job and global-job are supported");
    }
}
