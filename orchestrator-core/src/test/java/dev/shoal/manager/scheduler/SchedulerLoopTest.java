package dev.shoal.manager.scheduler;

import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.pending;
import static dev.shoal.testutil.Fixtures.service;
import static dev.shoal.testutil.Fixtures.withState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.Node;
import dev.shoal.model.NodeState;
import dev.shoal.model.Resources;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.Store;
import dev.shoal.testutil.Fixtures;
import dev.shoal.testutil.MutableClock;
import dev.shoal.testutil.Wait;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerLoopTest {
    private final Store store = Store.local();
    private final MutableClock clock = new MutableClock();

    private Task task(String id) { return store.view(tx -> tx.task(id)); }

    @Test
    void assignsPendingTasksInOneProposalAndExplainsTheRestWithoutChurn() {
        Service s = service("s", 3);
        Node down = withState(node("b"), NodeState.DOWN);
        Fixtures.seed(store, node("a"), down, s, pending("t1", s, 1), pending("t2", s, 2));
        SchedulerLoop loop = new SchedulerLoop(store, clock);
        long before = store.memory().lastIndex();
        assertEquals(true, loop.runOnce());
        assertEquals(before + 1, store.memory().lastIndex(), "one log entry for all assignments");
        assertEquals("a", task("t1").nodeId());
        assertEquals(TaskState.ASSIGNED, task("t1").state());
        assertEquals(SchedulerLoop.ASSIGNED_MESSAGE, task("t1").status().message());
        loop.runUntilQuiet();

        // make a unreachable too: a new pending task cannot be placed and says why, once
        Fixtures.update(store, Node.class, "a", n -> withState(n, NodeState.DOWN));
        Fixtures.seed(store, pending("t3", s, 3));
        loop.runOnce();
        assertEquals("no suitable node (2 nodes not available for new tasks)", task("t3").status().err());
        assertEquals(TaskState.PENDING, task("t3").state());
        assertFalse(loop.runOnce(), "same reason is not written again");

        // a node coming back makes the scheduler retry pending tasks
        Fixtures.update(store, Node.class, "b", n -> withState(n, NodeState.READY));
        loop.runUntilQuiet();
        assertEquals("b", task("t3").nodeId());
        loop.close();
    }

    @Test
    void runningLoopPlacesTasksCreatedLater() {
        Fixtures.seed(store, node("a"), node("b"));
        Service s = service("s", 100);
        try (SchedulerLoop loop = new SchedulerLoop(store, clock)) {
            loop.start();
            List<Object> tasks = new ArrayList<>();
            for (int i = 1; i <= 100; i++) tasks.add(pending("t" + i, s, i));
            Fixtures.seed(store, s, tasks);
            Wait.until("all tasks assigned", () -> store.view(tx -> tx.tasksOfNode("a").size() + tx.tasksOfNode("b").size()) == 100);
            assertEquals(50, (int) store.view(tx -> tx.tasksOfNode("a").size()));
        }
    }

    @Test
    void aTaskPendingForMemoryIsPlacedAsSoonAsATaskEndsFreeingIt() {
        Service s = service("s", 2, Fixtures.spec("x", new Resources(0, 6 * Fixtures.GB), List.of(), null));
        Fixtures.seed(store, node("a"), s, Fixtures.task("r", s, 1, "a", TaskState.RUNNING, TaskState.RUNNING, Fixtures.T0),
                pending("t2", s, 2));
        SchedulerLoop loop = new SchedulerLoop(store, clock);
        loop.runUntilQuiet();
        assertEquals("no suitable node (insufficient resources on 1 node)", task("t2").status().err());
        assertNull(task("t2").nodeId());
        Fixtures.report(store, "r", TaskState.COMPLETE, Fixtures.T0.plusSeconds(1));
        loop.runUntilQuiet();
        assertEquals("a", task("t2").nodeId(), "placed once the finished task freed its memory (moby#32999)");
        loop.close();
    }

    @Test
    void aTaskPendingForALabelIsPlacedOnANewNodeOrALabelledOne() {
        Service s = service("s", 2, Fixtures.spec("x", Resources.NONE, List.of("node.labels.gpu==yes"), null));
        Fixtures.seed(store, node("a"), s, pending("t1", s, 1), pending("t2", s, 2));
        try (SchedulerLoop loop = new SchedulerLoop(store, clock)) {
            loop.start();
            Wait.until("both explained", () -> "no suitable node (scheduling constraints not satisfied on 1 node)".equals(task("t2").status().err()));
            Fixtures.seed(store, node("b", Map.of("gpu", "yes")));
            Wait.until("the new labelled node takes both", () -> "b".equals(task("t1").nodeId()) && "b".equals(task("t2").nodeId()));
            // a label added to an existing node counts too
            Fixtures.update(store, Node.class, "b", n -> n.withSpec(n.spec().withLabels(Map.of())));
            Fixtures.seed(store, pending("t3", s, 3));
            Wait.until("t3 explained", () -> task("t3").status().err() != null);
            Fixtures.update(store, Node.class, "a", n -> n.withSpec(n.spec().withLabels(Map.of("gpu", "yes"))));
            Wait.until("a takes t3 once labelled", () -> "a".equals(task("t3").nodeId()));
        }
    }

    @Test
    void ignoresTasksNotWantedRunning() {
        Service s = service("s", 1);
        Task shut = Fixtures.task("t", s, 1, null, TaskState.PENDING, TaskState.SHUTDOWN, Fixtures.T0);
        Fixtures.seed(store, node("a"), s, shut);
        new SchedulerLoop(store, clock).runOnce();
        assertNull(task("t").nodeId());
    }

    @Test
    void writesAssignmentsAsLightActionsAndRetriesOnesTheStoreRefused() {
        // A store whose node "a" vanishes just before the first batch of assignments commits: that
        // assignment is refused, the scheduler does not count the task as placed, and places it again.
        dev.shoal.store.MemoryStore memory = new dev.shoal.store.MemoryStore();
        dev.shoal.store.LocalProposer local = new dev.shoal.store.LocalProposer(memory);
        List<dev.shoal.store.Proposal> seen = new ArrayList<>();
        boolean[] removed = {false};
        Store racy = new Store(memory, p -> {
            if (!removed[0] && p.actions().stream().anyMatch(a -> a instanceof dev.shoal.store.StoreAction.AssignTask)) {
                removed[0] = true;
                local.propose(dev.shoal.store.Proposal.atomic(new dev.shoal.store.StoreAction.Delete(dev.shoal.model.StoreObject.Kind.NODE, "a")));
            }
            seen.add(p);
            return local.propose(p);
        });
        Service s = service("s", 1);
        Fixtures.seed(racy, withState(node("b"), NodeState.DOWN), node("a"), s, pending("t1", s, 1));
        SchedulerLoop loop = new SchedulerLoop(racy, clock);
        loop.runOnce();
        assertNull(racy.view(tx -> tx.task("t1")).nodeId(), "the refused assignment did not happen");
        assertTrue(seen.get(seen.size() - 1).actions().get(0) instanceof dev.shoal.store.StoreAction.AssignTask a && a.nodeId().equals("a"));
        Fixtures.update(racy, Node.class, "b", n -> withState(n, NodeState.READY));
        loop.runUntilQuiet();
        assertEquals("b", racy.view(tx -> tx.task("t1")).nodeId());
        assertEquals(TaskState.ASSIGNED, racy.view(tx -> tx.task("t1")).state());
        loop.close();
    }

    @Test
    void aTaskShutDownBetweenPlanAndCommitIsNotAssigned() {
        dev.shoal.store.MemoryStore memory = new dev.shoal.store.MemoryStore();
        dev.shoal.store.LocalProposer local = new dev.shoal.store.LocalProposer(memory);
        boolean[] done = {false};
        Store racy = new Store(memory, p -> {
            if (!done[0] && p.actions().stream().anyMatch(a -> a instanceof dev.shoal.store.StoreAction.AssignTask)) {
                done[0] = true;
                Task t = memory.view(tx -> tx.task("t1"));
                local.propose(dev.shoal.store.Proposal.atomic(new dev.shoal.store.StoreAction.Update(t.withDesiredState(TaskState.SHUTDOWN))));
            }
            return local.propose(p);
        });
        Service s = service("s", 2);
        Fixtures.seed(racy, node("a"), s, pending("t1", s, 1), pending("t2", s, 2));
        SchedulerLoop loop = new SchedulerLoop(racy, clock);
        loop.runUntilQuiet();
        assertNull(racy.view(tx -> tx.task("t1")).nodeId());
        assertEquals(TaskState.PENDING, racy.view(tx -> tx.task("t1")).state());
        assertEquals("a", racy.view(tx -> tx.task("t2")).nodeId(), "the rest of the batch applied");
        loop.close();
    }
}
