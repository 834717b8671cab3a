package dev.shoal.executor.docker;

import dev.shoal.model.GenericResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the generic resources a Docker daemon advertises from the {@code GenericResources} field of
 * {@code GET /info} — a list of {@code {"DiscreteResourceSpec": {"Kind": "gpu", "Value": 2}}} and
 * {@code {"NamedResourceSpec": {"Kind": "gpu", "Value": "GPU-0a1b"}}} — which docker-java's
 * {@code Info} does not model and keeps among its raw values. Entries of another shape are skipped:
 * a node that advertises a resource Shoal cannot read simply does not offer it. Stateless.
 */
final class EngineGenericResources {
    private EngineGenericResources() {}

    /** The generic resources in {@code /info}'s raw {@code GenericResources} value (null or absent: none). */
    static List<GenericResource> parse(Object raw) {
        if (!(raw instanceof List<?> entries)) return List.of();
        List<GenericResource> out = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> m)) continue;
            if (m.get("DiscreteResourceSpec") instanceof Map<?, ?> d && d.get("Kind") instanceof String kind
                    && d.get("Value") instanceof Number value && value.longValue() > 0) {
                out.add(GenericResource.discrete(kind, value.longValue()));
            } else if (m.get("NamedResourceSpec") instanceof Map<?, ?> n && n.get("Kind") instanceof String kind
                    && n.get("Value") instanceof String value && !value.isEmpty()) {
                out.add(GenericResource.named(kind, value));
            }
        }
        return List.copyOf(out);
    }
}
