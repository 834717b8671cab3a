package dev.shoal.manager.reaper;

import static dev.shoal.testutil.Fixtures.T0;
import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.service;
import static dev.shoal.testutil.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shoal.model.Cluster;
import dev.shoal.model.ClusterSpec;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.Store;
import dev.shoal.testutil.Fixtures;
import dev.shoal.testutil.MutableClock;
import dev.shoal.testutil.Wait;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TaskReaperTest {
    private final Store store = Store.local();
    private final MutableClock clock = new MutableClock();
    private final Service s = service("s", 1);

    private Set<String> ids() { return store.view(tx -> tx.tasks().stream().map(Task::id).collect(Collectors.toSet())); }

    /** Slot 1: dead tasks d1..dN (oldest first) and a running one. */
    private List<Object> history(int dead) {
        List<Object> out = new ArrayList<>();
        for (int i = 1; i <= dead; i++) out.add(task("d" + i, s, 1, "a", TaskState.FAILED, TaskState.SHUTDOWN, T0.plusSeconds(i)));
        out.add(task("run", s, 1, "a", TaskState.RUNNING, TaskState.RUNNING, T0.plusSeconds(100)));
        return out;
    }

    @Test
    void keepsFiveTasksPerSlotByDefaultDeletingTheOldestDeadInOneProposal() {
        Fixtures.seed(store, node("a"), s, history(7), task("other", s, 2, "a", TaskState.FAILED, TaskState.SHUTDOWN, T0));
        TaskReaper r = new TaskReaper(store, clock);
        long before = store.memory().lastIndex();
        r.runOnce();
        assertEquals(before + 1, store.memory().lastIndex());
        assertEquals(Set.of("d4", "d5", "d6", "d7", "run", "other"), ids());
        assertFalse(r.runOnce());
    }

    @Test
    void followsTheClusterSetting() {
        Fixtures.seed(store, Fixtures.cluster(2), node("a"), s, history(3));
        TaskReaper r = new TaskReaper(store, clock);
        r.runUntilQuiet();
        assertEquals(Set.of("d3", "run"), ids());
        Fixtures.update(store, Cluster.class, "cluster", c -> new Cluster(c.id(), c.version(), c.createdAt(), c.updatedAt(),
                new ClusterSpec("default", 1L, null), c.joinTokens()));
        r.runUntilQuiet();
        assertEquals(Set.of("run"), ids());
    }

    @Test
    void newDeadTasksTriggerTrimming() {
        Fixtures.seed(store, node("a"), s, history(4));
        TaskReaper r = new TaskReaper(store, clock);
        r.runUntilQuiet();
        assertEquals(5, ids().size());
        Fixtures.seed(store, task("new", s, 1, null, TaskState.PENDING, TaskState.RUNNING, T0.plusSeconds(200)));
        Fixtures.update(store, Task.class, "run", t -> t.withDesiredState(TaskState.SHUTDOWN));
        Fixtures.report(store, "run", TaskState.SHUTDOWN, T0.plusSeconds(201));
        r.runUntilQuiet();
        assertEquals(Set.of("d2", "d3", "d4", "run", "new"), ids());
    }

    @Test
    void deletesRemovedTasksOnceTheyStopped() {
        Fixtures.seed(store, node("a"), s,
                task("running", s, 1, "a", TaskState.RUNNING, TaskState.REMOVE, T0),
                task("unassigned", s, 2, null, TaskState.PENDING, TaskState.REMOVE, T0),
                task("done", s, 3, "a", TaskState.COMPLETE, TaskState.REMOVE, T0));
        try (TaskReaper r = new TaskReaper(store, clock)) {
            r.start();
            Wait.until("stopped tasks deleted", () -> ids().equals(Set.of("running")));
            Fixtures.report(store, "running", TaskState.SHUTDOWN, T0.plusSeconds(1));
            Wait.until("running task deleted after it stopped", () -> ids().isEmpty());
        }
        assertNull(store.view(tx -> tx.task("running")));
        assertNotNull(store.view(tx -> tx.service("s")));
    }
}
