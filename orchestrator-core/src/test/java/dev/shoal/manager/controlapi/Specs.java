package dev.shoal.manager.controlapi;

import dev.shoal.model.ContainerSpec;
import dev.shoal.model.EndpointSpec;
import dev.shoal.model.Node;
import dev.shoal.model.NodeDescription;
import dev.shoal.model.NodeRole;
import dev.shoal.model.NodeSpec;
import dev.shoal.model.NodeState;
import dev.shoal.model.NodeStatus;
import dev.shoal.model.PortConfig;
import dev.shoal.model.ServiceAnnotations;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.Version;
import java.time.Instant;
import java.util.List;

/** Small factories of specs and store objects for control-API tests. */
public final class Specs {
    private Specs() {}

    public static ServiceSpec service(String name, String image, long replicas, PortConfig... ports) {
        return new ServiceSpec(name, null, new TaskSpec(new ContainerSpec(image, null, null, null, null, null, null, null, null),
                null, null, null, null), ServiceMode.replicated(replicas), new EndpointSpec(null, List.of(ports)));
    }

    public static ServiceSpec global(String name, String image) {
        return service(name, image, 0).withMode(ServiceMode.newGlobal());
    }

    public static PortConfig port(int published, int target) {
        return new PortConfig(null, null, target, published, null);
    }

    public static Node node(String id, String hostname, NodeState state) {
        return new Node(id, Version.NONE, Instant.EPOCH, Instant.EPOCH, new NodeSpec(null, null, NodeRole.WORKER, null),
                new NodeDescription(hostname, null, null, null), new NodeStatus(state, null, "10.0.0.1"), null);
    }

    public static Task task(String id, String serviceId, String serviceName, int slot, String nodeId,
                            TaskState observed, TaskState desired) {
        return new Task(id, Version.NONE, Instant.EPOCH, Instant.EPOCH, null, serviceId, new ServiceAnnotations(serviceName),
                slot, nodeId, TaskStatus.of(Instant.EPOCH, observed, observed.json()), desired, null);
    }
}
