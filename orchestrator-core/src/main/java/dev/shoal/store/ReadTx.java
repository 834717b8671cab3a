package dev.shoal.store;

import dev.shoal.model.Cluster;
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

    /** The cluster object, or null before {@code swarm init} has been applied. */
    Cluster cluster();

    /** The index of the last applied proposal. */
    long lastIndex();
}
