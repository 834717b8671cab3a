package dev.shoal.testutil;

import dev.shoal.model.Cluster;
import dev.shoal.model.ClusterSpec;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.EngineDescription;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeDescription;
import dev.shoal.model.NodeRole;
import dev.shoal.model.NodeSpec;
import dev.shoal.model.NodeState;
import dev.shoal.model.NodeStatus;
import dev.shoal.model.Placement;
import dev.shoal.model.Platform;
import dev.shoal.model.ResourceRequirements;
import dev.shoal.model.Resources;
import dev.shoal.model.RestartPolicy;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.Version;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Tiny factory of model objects and store seeding for tests. Objects are plain immutable records. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    public static final long GB = 1L << 30;
    public static final long CPU = 1_000_000_000L;

    private Fixtures() {}

    /** A READY, ACTIVE worker named {@code id} with 4 CPUs and 8 GiB, linux/x86_64. */
    public static Node node(String id) {
        return new Node(id, Version.NONE, T0, T0, new NodeSpec(id, Map.of(), NodeRole.WORKER, NodeAvailability.ACTIVE),
                new NodeDescription(id, new Platform("x86_64", "linux"), new Resources(4 * CPU, 8 * GB), new EngineDescription("27.0", Map.of())),
                new NodeStatus(NodeState.READY, null, "10.0.0.1"), null);
    }

    public static Node node(String id, Map<String, String> labels) { return node(id).withSpec(node(id).spec().withLabels(labels)); }

    public static Node withResources(Node n, long nanoCpus, long memory) {
        NodeDescription d = n.description();
        return n.withDescription(new NodeDescription(d.hostname(), d.platform(), new Resources(nanoCpus, memory), d.engine()));
    }

    public static Node withState(Node n, NodeState s) { return n.withStatus(new NodeStatus(s, null, "10.0.0.1")); }

    public static TaskSpec spec(String image) { return new TaskSpec(new ContainerSpec(image, null, null, null, null, null, null, null, null), null, null, null, null); }

    public static TaskSpec spec(String image, RestartPolicy restart) {
        return new TaskSpec(new ContainerSpec(image, null, null, null, null, null, null, null, null), null, restart, null, null);
    }

    public static TaskSpec spec(String image, Resources reservations, List<String> constraints, Long maxReplicas) {
        return new TaskSpec(new ContainerSpec(image, null, null, null, null, null, null, null, null),
                new ResourceRequirements(null, reservations), null, new Placement(constraints, maxReplicas), null);
    }

    public static Service service(String id, long replicas, TaskSpec spec) {
        return new Service(id, Version.NONE, T0, T0, new ServiceSpec(id + "-name", null, spec, ServiceMode.replicated(replicas), null), null);
    }

    public static Service service(String id, long replicas) { return service(id, replicas, spec("nginx")); }

    /** A task of {@code svc} in {@code slot}, on {@code nodeId} (null: unassigned), observed {@code state}, desired {@code desired}. */
    public static Task task(String id, Service svc, int slot, String nodeId, TaskState state, TaskState desired, Instant created) {
        return new Task(id, Version.NONE, created, created, svc.spec().taskTemplate(), svc.id(),
                new dev.shoal.model.ServiceAnnotations(svc.spec().name()), slot, nodeId, TaskStatus.of(created, state, state.json()), desired, null);
    }

    public static Task pending(String id, Service svc, int slot) { return task(id, svc, slot, null, TaskState.PENDING, TaskState.RUNNING, T0); }

    public static Cluster cluster(long taskHistory) {
        return new Cluster("cluster", Version.NONE, T0, T0, new ClusterSpec("default", taskHistory, null), null);
    }

    /** Creates every object in one atomic proposal. */
    public static void seed(Store store, Object... objects) {
        List<StoreAction> actions = new ArrayList<>();
        for (Object o : objects) {
            if (o instanceof dev.shoal.model.StoreObject so) {
                actions.add(new StoreAction.Create(so));
            } else if (o instanceof List<?> l) {
                for (Object x : l) actions.add(new StoreAction.Create((dev.shoal.model.StoreObject) x));
            }
        }
        store.commit(Proposal.atomic(actions));
    }

    /** Replaces a stored object with {@code change} applied to its current version. */
    public static <T extends dev.shoal.model.StoreObject> void update(Store store, Class<T> type, String id, java.util.function.UnaryOperator<T> change) {
        T current = store.view(tx -> type.cast(switch (kindOf(type)) {
            case NODE -> tx.node(id);
            case SERVICE -> tx.service(id);
            case TASK -> tx.task(id);
            case CLUSTER -> tx.cluster();
            case NETWORK -> tx.network(id);
            case SECRET -> tx.secret(id);
            case CONFIG -> tx.config(id);
        }));
        store.commit(Proposal.atomic(new StoreAction.Update(change.apply(current))));
    }

    /** Reports an observed state for a task as its agent would. */
    public static void report(Store store, String taskId, TaskState state, Instant at) {
        store.commit(Proposal.each(List.of(new StoreAction.UpdateTaskStatus(taskId, TaskStatus.of(at, state, state.json())))));
    }

    private static dev.shoal.model.StoreObject.Kind kindOf(Class<?> type) {
        if (type == Node.class) return dev.shoal.model.StoreObject.Kind.NODE;
        if (type == Service.class) return dev.shoal.model.StoreObject.Kind.SERVICE;
        if (type == Task.class) return dev.shoal.model.StoreObject.Kind.TASK;
        return dev.shoal.model.StoreObject.Kind.CLUSTER;
    }
}
