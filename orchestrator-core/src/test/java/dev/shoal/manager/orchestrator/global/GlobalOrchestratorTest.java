package dev.shoal.manager.orchestrator.global;

import static dev.shoal.testutil.Fixtures.T0;
import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manager.orchestrator.replicated.ReplicatedOrchestrator;
import dev.shoal.model.Ids;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeState;
import dev.shoal.model.NodeStatus;
import dev.shoal.model.RestartCondition;
import dev.shoal.model.RestartPolicy;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.StoreObject;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.model.Version;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.testutil.Fixtures;
import dev.shoal.testutil.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Nomad-style: seed the store, run passes, assert on the tasks. */
class GlobalOrchestratorTest {
    private final Store store = Store.local();
    private final MutableClock clock = new MutableClock(T0.plusSeconds(60));
    private final GlobalOrchestrator orchestrator = new GlobalOrchestrator(store, clock, new Ids());

    static Service global(String id, TaskSpec spec) {
        return new Service(id, Version.NONE, T0, T0, new ServiceSpec(id + "-name", null, spec, ServiceMode.newGlobal(), null), null);
    }

    private List<Task> tasks(String serviceId) { return store.view(tx -> List.copyOf(tx.tasksOfService(serviceId))); }

    /** Node id → the runnable task there (fails on two runnable tasks on one node). */
    private Map<String, Task> runnableByNode(String serviceId) {
        return tasks(serviceId).stream().filter(t -> !t.desiredState().isAfter(TaskState.RUNNING))
                .collect(Collectors.toMap(Task::nodeId, t -> t, (a, b) -> { throw new AssertionError("two runnable tasks on " + a.nodeId()); }, TreeMap::new));
    }

    private void setNode(String id, java.util.function.UnaryOperator<Node> change) { Fixtures.update(store, Node.class, id, change); }

    private static Node withAvailability(Node n, NodeAvailability a) { return n.withSpec(n.spec().withAvailability(a)); }

    @Test
    void oneTaskPerNodeCreatedOnItsNode() {
        Fixtures.seed(store, node("a"), node("b"), node("c"), global("mon", spec("nginx")));
        orchestrator.runUntilQuiet();
        Map<String, Task> byNode = runnableByNode("mon");
        assertEquals(List.of("a", "b", "c"), List.copyOf(byNode.keySet()));
        for (Task t : byNode.values()) {
            assertEquals(0, t.slot());
            assertEquals(TaskState.PENDING, t.state(), "created on its node, for the scheduler to admit");
            assertTrue(t.awaitsAdmission());
            assertEquals(TaskState.RUNNING, t.desiredState());
            assertEquals("mon-name." + t.nodeId(), t.name());
        }
        assertFalse(orchestrator.runOnce(), "idempotent");
    }

    @Test
    void followsANodeThatJoins() {
        Fixtures.seed(store, node("a"), node("b"), node("c"), global("mon", spec("nginx")));
        orchestrator.runUntilQuiet();
        Fixtures.seed(store, node("d"));
        orchestrator.runUntilQuiet();
        assertEquals(List.of("a", "b", "c", "d"), List.copyOf(runnableByNode("mon").keySet()));
        assertEquals(4, tasks("mon").size());
    }

    @Test
    void drainShutsTheTaskDownAndActivateBringsANewOne() {
        Fixtures.seed(store, node("a"), node("b"), global("mon", spec("nginx")));
        orchestrator.runUntilQuiet();
        Task onB = runnableByNode("mon").get("b");
        setNode("b", n -> withAvailability(n, NodeAvailability.DRAIN));
        orchestrator.runUntilQuiet();
        assertEquals(TaskState.SHUTDOWN, store.view(tx -> tx.task(onB.id())).desiredState());
        assertEquals(List.of("a"), List.copyOf(runnableByNode("mon").keySet()));
        setNode("b", n -> withAvailability(n, NodeAvailability.ACTIVE));
        orchestrator.runUntilQuiet();
        assertEquals(List.of("a", "b"), List.copyOf(runnableByNode("mon").keySet()));
        assertNotEquals(onB.id(), runnableByNode("mon").get("b").id());
    }

    @Test
    void pausedNodeKeepsItsTaskButGetsNoNewOne() {
        Fixtures.seed(store, node("a"), withAvailability(node("p"), NodeAvailability.PAUSE), global("mon", spec("nginx")));
        orchestrator.runUntilQuiet();
        assertEquals(List.of("a"), List.copyOf(runnableByNode("mon").keySet()));
        Task onA = runnableByNode("mon").get("a");
        setNode("a", n -> withAvailability(n, NodeAvailability.PAUSE));
        orchestrator.runUntilQuiet();
        assertEquals(onA.id(), runnableByNode("mon").get("a").id(), "kept");
        assertEquals(TaskState.RUNNING, store.view(tx -> tx.task(onA.id())).desiredState());
    }

    @Test
    void downNodeTaskIsShutDownAndReplacedWhenTheNodeIsBack() {
        Fixtures.seed(store, node("a"), node("b"), global("mon", spec("nginx")));
        orchestrator.runUntilQuiet();
        Task onB = runnableByNode("mon").get("b");
        Fixtures.report(store, onB.id(), TaskState.RUNNING, clock.instant());
        setNode("b", n -> n.withStatus(new NodeStatus(NodeState.DOWN, "heartbeat failure", "10.0.0.1")));
        orchestrator.runUntilQuiet();
        assertEquals(TaskState.SHUTDOWN, store.view(tx -> tx.task(onB.id())).desiredState());
        assertEquals(List.of("a"), List.copyOf(runnableByNode("mon").keySet()), "nothing new while b is down");
        setNode("b", n -> Fixtures.withState(n, NodeState.READY));
        orchestrator.runUntilQuiet();
        Task again = runnableByNode("mon").get("b");
        assertNotEquals(onB.id(), again.id());
        assertEquals("b", again.nodeId(), "restarted on the same node");
    }

    @Test
    void followsLabelsThroughConstraints() {
        TaskSpec onDb = Fixtures.spec("nginx", null, List.of("node.labels.type==db"), null);
        Fixtures.seed(store, node("a", Map.of("type", "db")), node("b"), global("mon", onDb));
        orchestrator.runUntilQuiet();
        assertEquals(List.of("a"), List.copyOf(runnableByNode("mon").keySet()));
        Task onA = runnableByNode("mon").get("a");
        setNode("a", n -> n.withSpec(n.spec().withLabels(Map.of())));
        setNode("b", n -> n.withSpec(n.spec().withLabels(Map.of("type", "db"))));
        orchestrator.runUntilQuiet();
        assertEquals(TaskState.SHUTDOWN, store.view(tx -> tx.task(onA.id())).desiredState(), "constraint no longer true");
        assertEquals(List.of("b"), List.copyOf(runnableByNode("mon").keySet()));
    }

    @Test
    void endedTaskRestartsOnItsNodeAfterTheDelay() {
        Fixtures.seed(store, node("a"), global("mon", spec("nginx", new RestartPolicy(RestartCondition.ANY, Duration.ofSeconds(5).toNanos(), null, null))));
        orchestrator.runUntilQuiet();
        Task first = runnableByNode("mon").get("a");
        Fixtures.report(store, first.id(), TaskState.FAILED, clock.instant());
        orchestrator.runUntilQuiet();
        Task next = runnableByNode("mon").get("a");
        assertNotEquals(first.id(), next.id());
        assertEquals(TaskState.READY, next.desiredState(), "waits out the delay");
        assertEquals(TaskState.PENDING, next.state());
        assertEquals("a", next.nodeId(), "restarted on its node");
        clock.advance(Duration.ofSeconds(5));
        orchestrator.runUntilQuiet();
        assertEquals(TaskState.RUNNING, store.view(tx -> tx.task(next.id())).desiredState());
    }

    @Test
    void restartConditionNoneLeavesTheNodeEmpty() {
        Fixtures.seed(store, node("a"), global("mon", spec("nginx", new RestartPolicy(RestartCondition.NONE, null, null, null))));
        orchestrator.runUntilQuiet();
        Task first = runnableByNode("mon").get("a");
        Fixtures.report(store, first.id(), TaskState.COMPLETE, clock.instant());
        orchestrator.runUntilQuiet();
        assertTrue(runnableByNode("mon").isEmpty());
        assertEquals(1, tasks("mon").size());
    }

    @Test
    void replicatedOrchestratorLeavesGlobalServicesAloneButRemovesThemWhenDeleted() {
        Fixtures.seed(store, node("a"), node("b"), global("mon", spec("nginx")));
        ReplicatedOrchestrator replicated = new ReplicatedOrchestrator(store, clock, new Ids());
        replicated.runUntilQuiet();
        assertTrue(tasks("mon").isEmpty());
        orchestrator.runUntilQuiet();
        replicated.runUntilQuiet();
        assertEquals(2, runnableByNode("mon").size());
        store.commit(Proposal.atomic(new StoreAction.Delete(StoreObject.Kind.SERVICE, "mon")));
        orchestrator.runUntilQuiet();
        replicated.runUntilQuiet();
        assertTrue(tasks("mon").stream().allMatch(t -> t.desiredState() == TaskState.REMOVE));
    }
}
