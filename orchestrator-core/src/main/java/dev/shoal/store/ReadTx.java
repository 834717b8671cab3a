package dev.shoal.store;

import dev.shoal.model.Cluster;
import dev.shoal.model.Config;
import dev.shoal.model.Network;
import dev.shoal.model.Secret;
import dev.shoal.model.Node;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import java.util.Collection;

/**
 * A consistent read of the store. Valid only inside the {@code view} call that provided it; the
 * collections it returns are read-only views or copies and must not be kept.
 */
public interface ReadTx {
    Node node(String id);

    Collection<Node> nodes();

    Service service(String id);

    Service serviceByName(String name);

    Collection<Service> services();

    Task task(String id);

    Collection<Task> tasks();

    Collection<Task> tasksOfService(String serviceId);

    Collection<Task> tasksOfNode(String nodeId);

    Network network(String id);

    Network networkByName(String name);

    Collection<Network> networks();

    /** A secret with its value: only for the dispatcher (agents that need it) — never for API answers. */
    Secret secret(String id);

    Secret secretByName(String name);

    Collection<Secret> secrets();

    Config config(String id);

    Config configByName(String name);

    Collection<Config> configs();

    /** The cluster object, or null before {@code swarm init} has been applied. */
    Cluster cluster();

    /** The index of the last applied proposal. */
    long lastIndex();
}
