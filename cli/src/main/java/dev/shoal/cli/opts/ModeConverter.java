package dev.shoal.cli.opts;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converter for {@code --mode}: {@code replicated} or {@code global}, returned lower-case. */
public final class ModeConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        String m = value.trim().toLowerCase(Locale.ROOT);
        if (m.equals("replicated") || m.equals("global")) return m;
        throw new TypeConversionException("unknown mode '" + value + "': only replicated and global are supported");
    }
}
