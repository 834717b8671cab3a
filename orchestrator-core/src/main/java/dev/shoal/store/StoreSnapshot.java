package dev.shoal.store;

import dev.shoal.model.Cluster;
import dev.shoal.model.Config;
import dev.shoal.model.Network;
import dev.shoal.model.Secret;
import dev.shoal.model.Node;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import java.util.List;

/** The whole store at one log index, as a snapshot holds it. Immutable. */
public record StoreSnapshot(long index, Cluster cluster, List<Node> nodes, List<Service> services, List<Task> tasks,
                            List<Network> networks, List<Secret> secrets, List<Config> configs) {
    public StoreSnapshot {
        nodes = nodes == null ? List.of() : nodes;
        services = services == null ? List.of() : services;
        tasks = tasks == null ? List.of() : tasks;
        networks = networks == null ? List.of() : networks;
        secrets = secrets == null ? List.of() : secrets;
        configs = configs == null ? List.of() : configs;
    }

    /** A snapshot of a store without networks, secrets or configs. */
    public StoreSnapshot(long index, Cluster cluster, List<Node> nodes, List<Service> services, List<Task> tasks) {
        this(index, cluster, nodes, services, tasks, null, null, null);
    }
}
