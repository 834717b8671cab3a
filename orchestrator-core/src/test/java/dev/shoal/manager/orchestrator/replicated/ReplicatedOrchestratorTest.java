package dev.shoal.manager.orchestrator.replicated;

import static dev.shoal.testutil.Fixtures.T0;
import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.service;
import static dev.shoal.testutil.Fixtures.task;
import static dev.shoal.testutil.Fixtures.withState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.Ids;
import dev.shoal.model.Node;
import dev.shoal.model.NodeState;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.LocalProposer;
import dev.shoal.store.MemoryStore;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.testutil.Fixtures;
import dev.shoal.testutil.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReplicatedOrchestratorTest {
    private Store store = Store.local();
    private final MutableClock clock = new MutableClock(T0.plusSeconds(60));

    private ReplicatedOrchestrator orchestrator() { return new ReplicatedOrchestrator(store, clock, new Ids()); }

    private List<Task> tasks(String serviceId) { return store.view(tx -> List.copyOf(tx.tasksOfService(serviceId))); }

    private Task get(String id) { return store.view(tx -> tx.task(id)); }

    /** Slot → desired state of the runnable task in it. */
    private Map<Integer, TaskState> runnableSlots(String serviceId) {
        return tasks(serviceId).stream().filter(t -> !t.desiredState().isAfter(TaskState.RUNNING))
                .collect(Collectors.toMap(Task::slot, Task::desiredState, (a, b) -> { throw new AssertionError("two runnable tasks in a slot"); }, TreeMap::new));
    }

    @Test
    void createsTenThousandTasksInOneProposal() {
        Service s = service("web", 10_000);
        Fixtures.seed(store, s);
        long before = store.memory().lastIndex();
        ReplicatedOrchestrator o = orchestrator();
        assertTrue(o.runOnce());
        assertEquals(before + 1, store.memory().lastIndex(), "one log entry");
        List<Task> ts = tasks("web");
        assertEquals(10_000, ts.size());
        assertEquals(10_000, ts.stream().map(Task::slot).distinct().count());
        Task t = ts.get(0);
        assertEquals(TaskState.PENDING, t.state());
        assertEquals(TaskState.RUNNING, t.desiredState());
        assertNull(t.nodeId());
        assertSame(store.view(tx -> tx.service("web")).spec().taskTemplate(), t.spec(), "tasks share the service's template");
        assertEquals("web-name", t.serviceAnnotations().name());
        assertEquals(clock.instant(), t.createdAt());
        assertEquals(clock.instant(), t.status().timestamp());
        assertFalse(o.runOnce(), "nothing more to do");
    }

    @Test
    void scalesUpIntoTheLowestFreeSlots() {
        Service s = service("s", 3);
        Fixtures.seed(store, s);
        ReplicatedOrchestrator o = orchestrator();
        o.runUntilQuiet();
        Fixtures.update(store, Service.class, "s", x -> x.withSpec(x.spec().withMode(ServiceMode.replicated(5))));
        o.runUntilQuiet();
        assertEquals(List.of(1, 2, 3, 4, 5), List.copyOf(runnableSlots("s").keySet()));
    }

    @Test
    void scalesDownLikeSwarm() {
        Service s = service("s", 5);
        Fixtures.seed(store, node("a"), node("b"), s,
                task("a1", s, 1, "a", TaskState.RUNNING, TaskState.RUNNING, T0),
                task("a2", s, 2, "a", TaskState.RUNNING, TaskState.RUNNING, T0),
                task("a3", s, 3, "a", TaskState.RUNNING, TaskState.RUNNING, T0),
                task("b4", s, 4, "b", TaskState.RUNNING, TaskState.RUNNING, T0),
                task("p5", s, 5, null, TaskState.PENDING, TaskState.RUNNING, T0));
        ReplicatedOrchestrator o = orchestrator();
        o.runUntilQuiet();
        Fixtures.update(store, Service.class, "s", x -> x.withSpec(x.spec().withMode(ServiceMode.replicated(2))));
        o.runUntilQuiet();
        // the unassigned task goes first, then the extra copies on a; one task per node remains
        assertEquals(TaskState.SHUTDOWN, get("p5").desiredState());
        assertEquals(TaskState.SHUTDOWN, get("a2").desiredState());
        assertEquals(TaskState.SHUTDOWN, get("a3").desiredState());
        assertEquals(TaskState.RUNNING, get("a1").desiredState());
        assertEquals(TaskState.RUNNING, get("b4").desiredState());
        assertEquals(5, tasks("s").size(), "scale-down creates nothing");
    }

    @Test
    void scaleDownPrefersTasksNotYetRunning() {
        Service s = service("s", 2);
        Fixtures.seed(store, node("a"), s,
                task("starting", s, 1, "a", TaskState.STARTING, TaskState.RUNNING, T0),
                task("running", s, 2, "a", TaskState.RUNNING, TaskState.RUNNING, T0));
        ReplicatedOrchestrator o = orchestrator();
        o.runUntilQuiet();
        Fixtures.update(store, Service.class, "s", x -> x.withSpec(x.spec().withMode(ServiceMode.replicated(1))));
        o.runUntilQuiet();
        assertEquals(TaskState.SHUTDOWN, get("starting").desiredState());
        assertEquals(TaskState.RUNNING, get("running").desiredState());
    }

    @Test
    void deletingAServiceMarksEveryTaskRemove() {
        Service s = service("s", 2);
        Fixtures.seed(store, node("a"), s, task("dead", s, 1, "a", TaskState.FAILED, TaskState.SHUTDOWN, T0));
        ReplicatedOrchestrator o = orchestrator();
        o.runUntilQuiet();
        store.commit(Proposal.atomic(new StoreAction.Delete(dev.shoal.model.StoreObject.Kind.SERVICE, "s")));
        o.runUntilQuiet();
        assertEquals(3, tasks("s").size());
        assertTrue(tasks("s").stream().allMatch(t -> t.desiredState() == TaskState.REMOVE));
    }

    @Test
    void tasksOfADownNodeAreReplaced() {
        Service s = service("s", 2);
        Fixtures.seed(store, node("a"), node("b"), s,
                task("onA", s, 1, "a", TaskState.RUNNING, TaskState.RUNNING, T0),
                task("onB", s, 2, "b", TaskState.RUNNING, TaskState.RUNNING, T0));
        ReplicatedOrchestrator o = orchestrator();
        assertFalse(o.runOnce());
        Fixtures.update(store, Node.class, "a", n -> withState(n, NodeState.DOWN));
        o.runUntilQuiet();
        assertEquals(TaskState.SHUTDOWN, get("onA").desiredState());
        assertEquals(TaskState.RUNNING, get("onB").desiredState());
        // Lost with its node, not failed: the replacement starts at once, without the restart delay.
        Task replacement = tasks("s").stream().filter(t -> t.slot() == 1 && !t.id().equals("onA")).findFirst().orElseThrow();
        assertNull(replacement.nodeId());
        assertEquals(TaskState.RUNNING, get(replacement.id()).desiredState());
        assertEquals(Map.of(1, TaskState.RUNNING, 2, TaskState.RUNNING), runnableSlots("s"));
    }

    @Test
    void conflictingWriteIsRetriedFromAFreshRead() {
        MemoryStore memory = new MemoryStore();
        LocalProposer local = new LocalProposer(memory);
        AtomicBoolean interfere = new AtomicBoolean();
        // a proposer that lets "someone else" bump the task just before the orchestrator's first write
        store = new Store(memory, p -> {
            if (interfere.getAndSet(false)) {
                Task t = memory.view(tx -> tx.task("t"));
                local.propose(Proposal.atomic(new StoreAction.Update(t)));
            }
            return local.propose(p);
        });
        Service s = service("s", 1);
        Fixtures.seed(store, node("a"), s, task("t", s, 1, "a", TaskState.RUNNING, TaskState.RUNNING, T0));
        ReplicatedOrchestrator o = orchestrator();
        o.runUntilQuiet();
        Fixtures.update(store, Service.class, "s", x -> x.withSpec(x.spec().withMode(ServiceMode.replicated(0))));
        interfere.set(true);
        o.runUntilQuiet();
        assertEquals(TaskState.SHUTDOWN, get("t").desiredState());
    }

    @Test
    void aLargeServiceIsFilledOverSeveralPassesOfBoundedSize() {
        int replicas = ServiceReconciler.MAX_NEW_TASKS_PER_PASS * 2 + 500;
        dev.shoal.store.MemoryStore memory = new dev.shoal.store.MemoryStore();
        dev.shoal.store.LocalProposer local = new dev.shoal.store.LocalProposer(memory);
        java.util.List<Integer> creates = new java.util.ArrayList<>();
        dev.shoal.store.Store counting = new dev.shoal.store.Store(memory, p -> {
            creates.add((int) p.actions().stream().filter(a -> a instanceof dev.shoal.store.StoreAction.Create).count());
            return local.propose(p);
        });
        Fixtures.seed(counting, node("n1"), service("big", replicas));
        creates.clear();
        ReplicatedOrchestrator o = new ReplicatedOrchestrator(counting, clock, new Ids());
        o.runUntilQuiet();
        assertEquals(replicas, (int) counting.view(tx -> tx.tasksOfService("big").size()));
        assertTrue(creates.stream().allMatch(n -> n <= ServiceReconciler.MAX_NEW_TASKS_PER_PASS), creates.toString());
        assertEquals(replicas, creates.stream().mapToInt(Integer::intValue).sum(), "every slot once");
        o.close();
    }
}
