package dev.shoal.manager.controlapi;

import dev.shoal.model.TaskState;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which tasks {@code GET /tasks} returns, as Docker's task filters: {@code service} (names, ids or
 * unique id prefixes), {@code node} (ids, prefixes or hostnames), {@code desired-state} (any task
 * state, typically running, shutdown or accepted), {@code id} (id prefixes) and {@code name} (task
 * names such as {@code web.1}). Values of one key are alternatives; keys combine with "and"; an
 * empty set means no restriction. Immutable.
 */
public record TaskFilter(Set<String> services, Set<String> nodes, Set<TaskState> desiredStates,
                         Set<String> ids, Set<String> names) {
    public static final TaskFilter ALL = new TaskFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    private static final Set<String> KEYS = Set.of("service", "node", "desired-state", "id", "name");

    public TaskFilter {
        services = services == null ? Set.of() : Set.copyOf(services);
        nodes = nodes == null ? Set.of() : Set.copyOf(nodes);
        desiredStates = desiredStates == null ? Set.of() : Set.copyOf(desiredStates);
        ids = ids == null ? Set.of() : Set.copyOf(ids);
        names = names == null ? Set.of() : Set.copyOf(names);
    }

    /**
     * Builds a filter from Docker's filter arguments (key to values); throws {@link ApiException}
     * INVALID for an unknown key or desired state.
     */
    public static TaskFilter fromArgs(Map<String, List<String>> args) {
        for (String key : args.keySet()) {
            if (!KEYS.contains(key)) {
                throw ApiException.invalid("Invalid filter '" + key + "': task filters are service, node, desired-state, id and name");
            }
        }
        Set<TaskState> states = new LinkedHashSet<>();
        for (String v : args.getOrDefault("desired-state", List.of())) {
            if (v.isEmpty()) continue;
            states.add(parseState(v));
        }
        return new TaskFilter(nonEmpty(args.get("service")), nonEmpty(args.get("node")), states,
                nonEmpty(args.get("id")), nonEmpty(args.get("name")));
    }

    private static TaskState parseState(String v) {
        try {
            return TaskState.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String all = Arrays.stream(TaskState.values()).map(TaskState::json).collect(Collectors.joining(", "));
            throw ApiException.invalid("Invalid filter 'desired-state=" + v + "': must be a task state (" + all + ")");
        }
    }

    private static Set<String> nonEmpty(List<String> values) {
        if (values == null) return Set.of();
        return values.stream().filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
