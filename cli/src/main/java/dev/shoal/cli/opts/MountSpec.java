package dev.shoal.cli.opts;

import dev.shoal.model.Mount;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code --mount} value, as Docker's: {@code type=volume|bind|tmpfs} (default volume),
 * {@code source|src}, {@code target|destination|dst}, {@code readonly|ro[=true|false]},
 * {@code volume-nocopy}, {@code tmpfs-size} (bytes, or with a unit) and {@code tmpfs-mode} (octal).
 */
public final class MountSpec {
    private MountSpec() {}

    /** @throws IllegalArgumentException naming the bad text */
    public static Mount parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty mount specification");
        String type = "volume";
        String source = null;
        String target = null;
        Boolean readOnly = null;
        Boolean noCopy = null;
        Long tmpfsSize = null;
        Integer tmpfsMode = null;
        for (CsvFields.Field f : CsvFields.parse(text)) {
            switch (f.key()) {
                case "type" -> type = CsvFields.required(f, text).toLowerCase(java.util.Locale.ROOT);
                case "source", "src" -> source = CsvFields.required(f, text);
                case "target", "destination", "dst" -> target = CsvFields.required(f, text);
                case "readonly", "ro" -> readOnly = bool(f, text) ? Boolean.TRUE : null;
                case "volume-nocopy" -> noCopy = bool(f, text) ? Boolean.TRUE : null;
                case "tmpfs-size" -> tmpfsSize = ByteSize.parse(CsvFields.required(f, text));
                case "tmpfs-mode" -> {
                    try {
                        tmpfsMode = Integer.parseInt(CsvFields.required(f, text), 8);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid tmpfs-mode in '" + text + "': must be octal, such as 1770");
                    }
                }
                default -> throw new IllegalArgumentException("unexpected key '" + f.key() + "' in '" + text + "'");
            }
        }
        if (!type.equals("volume") && !type.equals("bind") && !type.equals("tmpfs")) {
            throw new IllegalArgumentException("invalid mount type '" + type + "' in '" + text + "': use volume, bind or tmpfs");
        }
        if (target == null) throw new IllegalArgumentException("target is required in '" + text + "'");
        if (type.equals("bind") && source == null) throw new IllegalArgumentException("source is required when specifying bind mounts in '" + text + "'");
        if (type.equals("tmpfs") && source != null) throw new IllegalArgumentException("source must not be specified for tmpfs mounts in '" + text + "'");
        return new Mount(type, source, target, readOnly, noCopy == null ? null : new Mount.VolumeOptions(true, null),
                tmpfsSize == null && tmpfsMode == null ? null : new Mount.TmpfsOptions(tmpfsSize, tmpfsMode));
    }

    private static boolean bool(CsvFields.Field f, String text) {
        if (f.value() == null) return true;
        if (f.value().equalsIgnoreCase("true") || f.value().equals("1")) return true;
        if (f.value().equalsIgnoreCase("false") || f.value().equals("0")) return false;
        throw new IllegalArgumentException("invalid value for " + f.key() + " in '" + text + "': must be true or false");
    }

    /** picocli converter. */
    public static final class Converter implements ITypeConverter<Mount> {
        @Override
        public Mount convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
