package dev.shoal.cli.opts;

import dev.shoal.model.FileTarget;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code --secret} or {@code --config} value, as Docker's: a bare name, or
 * {@code source=NAME[,target=PATH][,uid=UID][,gid=GID][,mode=0400]}; the target defaults to the name,
 * owner and group to 0, the mode to 0444 (octal). Immutable.
 */
public record FileRefSpec(String source, FileTarget file) {
    /** @throws IllegalArgumentException naming the bad text */
    public static FileRefSpec parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty secret or config reference");
        if (!text.contains("=")) return new FileRefSpec(text.trim(), new FileTarget(text.trim(), "0", "0", FileTarget.DEFAULT_MODE));
        String source = null;
        String target = null;
        String uid = "0";
        String gid = "0";
        int mode = FileTarget.DEFAULT_MODE;
        for (CsvFields.Field f : CsvFields.parse(text)) {
            String v = CsvFields.required(f, text);
            switch (f.key()) {
                case "source", "src" -> source = v;
                case "target" -> target = v;
                case "uid" -> uid = v;
                case "gid" -> gid = v;
                case "mode" -> {
                    try {
                        mode = Integer.parseInt(v, 8);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid mode '" + v + "' in '" + text + "': must be octal, such as 0400");
                    }
                }
                default -> throw new IllegalArgumentException("invalid field key '" + f.key() + "' in '" + text
                        + "': use source, target, uid, gid or mode");
            }
        }
        if (source == null) throw new IllegalArgumentException("source is required in '" + text + "'");
        return new FileRefSpec(source, new FileTarget(target == null ? source : target, uid, gid, mode));
    }

    /** picocli converter. */
    public static final class Converter implements ITypeConverter<FileRefSpec> {
        @Override
        public FileRefSpec convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
