package dev.shoal.cli.opts;

import dev.shoal.model.PlacementPreference;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converter for {@code --placement-pref spread=node.labels.zone}, with Docker's texts for bad values. */
public final class PlacementPrefConverter implements ITypeConverter<PlacementPreference> {
    /**
     * Parses {@code <strategy>=<arg>}; spread is the only strategy.
     *
     * @throws IllegalArgumentException with Docker's message
     */
    public static PlacementPreference parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("placement preference must be of the format \"<strategy>=<arg>\"");
        String strategy = text.substring(0, eq);
        if (!strategy.equals("spread")) {
            throw new IllegalArgumentException("unsupported placement preference " + strategy + " (only spread is supported)");
        }
        return PlacementPreference.spread(text.substring(eq + 1));
    }

    @Override
    public PlacementPreference convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
