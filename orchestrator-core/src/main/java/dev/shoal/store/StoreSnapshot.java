package dev.shoal.store;

import dev.shoal.model.Cluster;
import dev.shoal.model.Node;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import java.util.List;

/** The whole store at one log index, as a snapshot holds it. Immutable. */
public record StoreSnapshot(long index, Cluster cluster, List<Node> nodes, List<Service> services, List<Task> tasks) {
    public StoreSnapshot {
        nodes = nodes == null ? List.of() : nodes;
        services = services == null ? List.of() : services;
        tasks = tasks == null ? List.of() : tasks;
    }
}
