package dev.shoal.manager.scheduler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What is already placed on one node: task count, reserved CPU, memory and generic resources, tasks per
 * service. Counted
 * from tasks that hold a node and have not ended (SwarmKit counts by observed state the same way).
 * Mutable; owned by its {@link ClusterView}, not thread-safe.
 */
public final class NodeLoad {
    int tasks;
    long nanoCpus;
    long memoryBytes;
    final Map<String, Integer> perService = new HashMap<>();
    /** Reserved generic resources by kind; null until a task reserving some lands here (most nodes never). */
    private Map<String, Long> generic;
    /** Named units (kind → values) held by tasks here; null until a task holding some lands here. */
    private Map<String, Set<String>> namedInUse;

    public int tasks() { return tasks; }

    public long reservedNanoCpus() { return nanoCpus; }

    public long reservedMemoryBytes() { return memoryBytes; }

    public int tasksOf(String serviceId) { return perService.getOrDefault(serviceId, 0); }

    /** The amount of generic resource {@code kind} reserved by tasks on this node. */
    public long reservedGeneric(String kind) {
        if (generic == null) return 0;
        return generic.getOrDefault(kind, 0L);
    }

    /** Whether the named unit {@code value} of {@code kind} is held by a task on this node. */
    public boolean namedInUse(String kind, String value) {
        if (namedInUse == null) return false;
        Set<String> s = namedInUse.get(kind);
        return s != null && s.contains(value);
    }

    void holdNamed(String kind, String value, int sign) {
        if (namedInUse == null) namedInUse = new HashMap<>(2);
        if (sign > 0) {
            namedInUse.computeIfAbsent(kind, k -> new HashSet<>(4)).add(value);
        } else {
            Set<String> s = namedInUse.get(kind);
            if (s != null && s.remove(value) && s.isEmpty()) namedInUse.remove(kind);
        }
    }

    void addGeneric(String kind, long amount, int sign) {
        if (generic == null) generic = new HashMap<>(2);
        long n = generic.getOrDefault(kind, 0L) + sign * amount;
        if (n == 0) generic.remove(kind); else generic.put(kind, n);
    }

    void add(String serviceId, long cpu, long mem, int sign) {
        tasks += sign;
        nanoCpus += sign * cpu;
        memoryBytes += sign * mem;
        int n = perService.getOrDefault(serviceId, 0) + sign;
        if (n <= 0) perService.remove(serviceId); else perService.put(serviceId, n);
    }

    boolean isEmpty() { return tasks <= 0; }
}
