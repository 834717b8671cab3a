package dev.shoal.stack;

import dev.shoal.stack.model.StackConfig;
import java.util.List;
import java.util.Map;

/**
 * The outcome of loading one or more stack files.
 *
 * @param config      the merged, normalised stack, ready for {@code stack config} output or conversion to service specs
 * @param warnings    what Docker logs as warnings while loading (an ignored host IP, a deprecated
 *                    {@code external.name}, a {@code ~} that cannot be expanded), in order
 * @param unsupported the service keys stack deploy ignores (build, restart, privileged, ...), sorted
 * @param deprecated  the deprecated service keys used (container_name, expose), each with Docker's explanation, sorted by key
 */
public record LoadedStack(StackConfig config, List<String> warnings, List<String> unsupported, Map<String, String> deprecated) {
    /** Copies the lists and map. */
    public LoadedStack {
        warnings = List.copyOf(warnings);
        unsupported = List.copyOf(unsupported);
        deprecated = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(deprecated));
    }

    /**
     * The warnings {@code docker stack deploy} prints for the ignored and deprecated keys, as Docker
     * words them ("Ignoring unsupported options: build, links" and "Ignoring deprecated options:"
     * followed by one "key: explanation" paragraph each); empty when there is nothing to say.
     */
    public String propertyWarnings() {
        StringBuilder sb = new StringBuilder();
        if (!unsupported.isEmpty()) sb.append("Ignoring unsupported options: ").append(String.join(", ", unsupported)).append("\n\n");
        if (!deprecated.isEmpty()) {
            sb.append("Ignoring deprecated options:\n\n");
            List<String> msgs = new java.util.ArrayList<>();
            deprecated.forEach((k, v) -> msgs.add(k + ": " + v));
            sb.append(String.join("\n\n", msgs)).append("\n\n");
        }
        return sb.toString();
    }
}
