package dev.shoal.cli.opts;

import dev.shoal.model.NetworkAttachmentConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A {@code --network} value, as Docker's: a network name or id, or {@code name=NET[,alias=A]...}. */
public final class NetworkSpecOpt {
    private NetworkSpecOpt() {}

    /** @throws IllegalArgumentException naming the bad text */
    public static NetworkAttachmentConfig parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty network");
        if (!text.contains("=")) return new NetworkAttachmentConfig(text.trim(), List.of());
        String name = null;
        List<String> aliases = new ArrayList<>();
        for (CsvFields.Field f : CsvFields.parse(text)) {
            String v = CsvFields.required(f, text);
            switch (f.key()) {
                case "name" -> name = v;
                case "alias" -> aliases.add(v);
                default -> throw new IllegalArgumentException("invalid field key '" + f.key() + "' in '" + text + "': use name or alias");
            }
        }
        if (name == null) throw new IllegalArgumentException("network name is required in '" + text + "'");
        return new NetworkAttachmentConfig(name, aliases);
    }

    /** picocli converter. */
    public static final class Converter implements ITypeConverter<NetworkAttachmentConfig> {
        @Override
        public NetworkAttachmentConfig convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
