package dev.shoal.manager.scheduler;

import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.pending;
import static dev.shoal.testutil.Fixtures.service;
import static dev.shoal.testutil.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.GenericResource;
import dev.shoal.model.Json;
import dev.shoal.model.Node;
import dev.shoal.model.NodeDescription;
import dev.shoal.model.Placement;
import dev.shoal.model.ResourceRequirements;
import dev.shoal.model.Resources;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.store.Store;
import dev.shoal.testutil.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generic resources (GPUs and the like) are counted like CPU and memory. */
class GenericResourcesTest {
    private final Store store = Store.local();
    private final Scheduler scheduler = new Scheduler();

    private static Node advertising(String id, GenericResource... resources) {
        Node n = node(id);
        NodeDescription d = n.description();
        return n.withDescription(new NodeDescription(d.hostname(), d.platform(),
                new Resources(d.resources().nanoCpus(), d.resources().memoryBytes(), List.of(resources)), d.engine()));
    }

    private static TaskSpec reserving(String kind, long amount) {
        return new TaskSpec(new ContainerSpec("x", null, null, null, null, null, null, null, null),
                new ResourceRequirements(null, new Resources(0, 0, List.of(GenericResource.discrete(kind, amount)))), null, Placement.NONE, null);
    }

    private Plan schedule(Service s, int n) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 1; i <= n; i++) tasks.add(pending(s.id() + "-t" + i, s, i));
        return scheduler.schedule(store.view(ClusterView::of), tasks);
    }

    @Test
    void discreteAndNamedUnitsAreCountedAndReservationsSubtracted() {
        Service s = service("s", 5, reserving("gpu", 1));
        Fixtures.seed(store,
                advertising("a", GenericResource.discrete("gpu", 2)),
                advertising("b", GenericResource.named("gpu", "GPU-1"), GenericResource.named("gpu", "GPU-2"),
                        GenericResource.discrete("fpga", 8)),
                node("c"), s,
                task("r", s, 100, "a", TaskState.RUNNING, TaskState.RUNNING, Fixtures.T0));
        Plan p = schedule(s, 4);
        Map<String, Integer> perNode = new HashMap<>();
        for (String n : p.assignments().values()) perNode.merge(n, 1, Integer::sum);
        // a advertises 2 and already runs a task holding 1; b has two named GPUs; c has none
        assertEquals(Map.of("a", 1, "b", 2), perNode);
        assertEquals("no suitable node (insufficient resources on 3 nodes)", p.unplaced().get("s-t4"));
    }

    @Test
    void namedUnitsAreHandedOutOnceAndDiscreteAmountsAsTheirCount() {
        Service s = service("s", 3, reserving("gpu", 1));
        // GPU-1 is held by a running task: the two new tasks get GPU-0 and GPU-2, one each; a third finds none free
        Task holding = task("r", s, 100, "b", TaskState.RUNNING, TaskState.RUNNING, Fixtures.T0)
                .withAssignment("b", dev.shoal.model.TaskStatus.of(Fixtures.T0, TaskState.RUNNING, "running"),
                        List.of(GenericResource.named("gpu", "GPU-1")));
        Fixtures.seed(store, advertising("b", GenericResource.named("gpu", "GPU-0"), GenericResource.named("gpu", "GPU-1"),
                GenericResource.named("gpu", "GPU-2")), s, holding);
        Plan p = schedule(s, 3);
        assertEquals(List.of(GenericResource.named("gpu", "GPU-0")), p.genericOf("s-t1"));
        assertEquals(List.of(GenericResource.named("gpu", "GPU-2")), p.genericOf("s-t2"));
        assertEquals("no suitable node (insufficient resources on 1 node)", p.unplaced().get("s-t3"));

        Service d = service("d", 1, reserving("ssd", 3));
        Fixtures.seed(store, advertising("c", GenericResource.discrete("ssd", 4)), d);
        Plan q = scheduler.schedule(store.view(ClusterView::of), List.of(pending("d-t1", d, 1)));
        assertEquals(List.of(GenericResource.discrete("ssd", 3)), q.genericOf("d-t1"));
    }

    @Test
    void theStoreKeepsTheUnitsAnAssignmentGives() {
        Service s = service("s", 1, reserving("gpu", 1));
        Fixtures.seed(store, advertising("b", GenericResource.named("gpu", "GPU-7")), s, pending("s-t1", s, 1));
        dev.shoal.manager.scheduler.SchedulerLoop loop = new dev.shoal.manager.scheduler.SchedulerLoop(store, java.time.Clock.systemUTC());
        loop.runUntilQuiet();
        Task t = store.view(tx -> tx.task("s-t1"));
        assertEquals("b", t.nodeId());
        assertEquals(List.of(GenericResource.named("gpu", "GPU-7")), t.assignedGenericResources());
    }

    @Test
    void aNodeWithoutTheKindIsRefused() {
        Service s = service("s", 1, reserving("fpga", 1));
        Fixtures.seed(store, advertising("a", GenericResource.discrete("gpu", 4)), s);
        assertEquals("no suitable node (insufficient resources on 1 node)", schedule(s, 1).unplaced().get("s-t1"));
    }

    @Test
    void jsonIsDockers() throws Exception {
        ObjectMapper json = Json.newMapper();
        Resources r = new Resources(0, 0, List.of(GenericResource.discrete("gpu", 2), GenericResource.named("gpu", "GPU-1")));
        assertEquals("{\"NanoCPUs\":0,\"MemoryBytes\":0,\"GenericResources\":[{\"DiscreteResourceSpec\":{\"Kind\":\"gpu\",\"Value\":2}},"
                + "{\"NamedResourceSpec\":{\"Kind\":\"gpu\",\"Value\":\"GPU-1\"}}]}", json.writeValueAsString(r));
        assertEquals(r, json.readValue(json.writeValueAsString(r), Resources.class));
        assertEquals("{\"NanoCPUs\":1,\"MemoryBytes\":2}", json.writeValueAsString(new Resources(1, 2)));
        Placement p = json.readValue("{\"Constraints\":[\"node.role==worker\"],\"Preferences\":[{\"Spread\":{\"SpreadDescriptor\":\"node.labels.zone\"}}],"
                + "\"MaxReplicas\":2}", Placement.class);
        assertEquals("node.labels.zone", p.preferences().get(0).spread().spreadDescriptor());
        assertEquals(2L, p.maxReplicas());
    }
}
