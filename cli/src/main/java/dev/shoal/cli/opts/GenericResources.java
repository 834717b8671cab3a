package dev.shoal.cli.opts;

import dev.shoal.model.GenericResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --generic-resource NAME=VALUE} flags as task reservations, parsed as Docker's CLI does: each
 * kind once with a whole, non-negative amount; a non-numeric value would be a named resource, which
 * services cannot reserve. Stateless.
 */
public final class GenericResources {
    private GenericResources() {}

    /**
     * The reservations the flags ask for, in flag order.
     *
     * @throws IllegalArgumentException with Docker's message
     */
    public static List<GenericResource> parse(List<String> flags) {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (String f : flags) {
            String[] kv = f.split("=", -1);
            if (kv.length < 2) throw new IllegalArgumentException("invalid generic-resource format `" + f + "` expected `name=value`");
            if (kv.length != 2) {
                throw new IllegalArgumentException("invalid generic resource specification: could not parse GenericResource: incorrect term "
                        + f + ", missing '=' or malformed expression");
            }
            byKind.computeIfAbsent(kv[0].trim(), k -> new ArrayList<>()).add(kv[1].trim());
        }
        List<GenericResource> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byKind.entrySet()) {
            String kind = e.getKey();
            List<String> values = e.getValue();
            Long amount = values.size() == 1 ? number(values.get(0)) : null;
            if (amount != null) {
                if (amount < 0) {
                    throw new IllegalArgumentException("invalid generic resource specification: could not parse GenericResource: "
                            + "cannot ask for negative resource " + kind);
                }
                out.add(GenericResource.discrete(kind, amount));
                continue;
            }
            if (values.stream().allMatch(v -> number(v) == null)) {
                throw new IllegalArgumentException("invalid generic-resource request `" + kind + "=" + values.get(0)
                        + "`, Named Generic Resources is not supported for service create or update");
            }
            throw new IllegalArgumentException("invalid generic resource specification: could not parse GenericResource: "
                    + "mixed discrete and named resources in expression '" + kind + "=[" + String.join(" ", values) + "]'");
        }
        return out;
    }

    private static Long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
