package dev.shoal.manager.scheduler;

import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.pending;
import static dev.shoal.testutil.Fixtures.service;
import static dev.shoal.testutil.Fixtures.withState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shoal.model.Node;
import dev.shoal.model.NodeState;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.Store;
import dev.shoal.testutil.Fixtures;
import dev.shoal.testutil.MutableClock;
import dev.shoal.testutil.Wait;
import java.util.ArrayList;
import java.util.List;
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
    void ignoresTasksNotWantedRunning() {
        Service s = service("s", 1);
        Task shut = Fixtures.task("t", s, 1, null, TaskState.PENDING, TaskState.SHUTDOWN, Fixtures.T0);
        Fixtures.seed(store, node("a"), s, shut);
        new SchedulerLoop(store, clock).runOnce();
        assertNull(task("t").nodeId());
    }
}
