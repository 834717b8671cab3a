package dev.shoal.manager.restart;

import static dev.shoal.testutil.Fixtures.T0;
import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.service;
import static dev.shoal.testutil.Fixtures.spec;
import static dev.shoal.testutil.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shoal.manager.orchestrator.replicated.ReplicatedOrchestrator;
import dev.shoal.model.Ids;
import dev.shoal.model.RestartCondition;
import dev.shoal.model.RestartPolicy;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.store.Store;
import dev.shoal.testutil.Fixtures;
import dev.shoal.testutil.MutableClock;
import dev.shoal.testutil.Wait;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The restart supervisor, driven through the orchestrator that owns it, one deterministic pass at a time. */
class RestartSupervisorTest {
    private static final long SEC = 1_000_000_000L;
    private final Store store = Store.local();
    private final MutableClock clock = new MutableClock(T0.plusSeconds(60));

    private ReplicatedOrchestrator orchestrator() { return new ReplicatedOrchestrator(store, clock, new Ids(), Duration.ofMillis(10)); }

    private Service seed(RestartPolicy policy) {
        Service s = service("s", 1, spec("app", policy));
        Fixtures.seed(store, node("a"), s, task("t0", s, 1, "a", TaskState.RUNNING, TaskState.RUNNING, T0));
        return s;
    }

    private List<Task> slot1() {
        return store.view(tx -> tx.tasksOfService("s").stream().filter(t -> t.slot() == 1)
                .sorted(Comparator.comparing(Task::createdAt)).toList());
    }

    private Task newest() { List<Task> l = slot1(); return l.get(l.size() - 1); }

    private Task get(String id) { return store.view(tx -> tx.task(id)); }

    /** The newest task of slot 1 ends in {@code state}; it is first started (desired RUNNING) if it waits. */
    private void endNewest(ReplicatedOrchestrator o, TaskState state) {
        Task t = newest();
        if (t.desiredState() == TaskState.READY) {
            clock.advance(Duration.ofSeconds(5));
            o.runUntilQuiet();
            assertEquals(TaskState.RUNNING, get(t.id()).desiredState());
        }
        Fixtures.report(store, t.id(), state, clock.instant());
        o.runUntilQuiet();
    }

    @Test
    void anyRestartsAfterTheDelay() {
        seed(RestartPolicy.DEFAULT);
        ReplicatedOrchestrator o = orchestrator();
        o.runUntilQuiet();
        Fixtures.report(store, "t0", TaskState.COMPLETE, clock.instant());
        o.runUntilQuiet();
        assertEquals(TaskState.SHUTDOWN, get("t0").desiredState());
        Task next = newest();
        assertEquals(TaskState.READY, next.desiredState(), "prepared, not started");
        assertEquals(1, next.slot());
        clock.advance(Duration.ofSeconds(4));
        o.runUntilQuiet();
        assertEquals(TaskState.READY, get(next.id()).desiredState(), "delay not over");
        clock.advance(Duration.ofSeconds(1));
        o.runUntilQuiet();
        assertEquals(TaskState.RUNNING, get(next.id()).desiredState());
    }

    @Test
    void noneLeavesTheSlotEmptyEvenAcrossLeaderChanges() {
        seed(new RestartPolicy(RestartCondition.NONE, null, null, null));
        ReplicatedOrchestrator o = orchestrator();
        o.runUntilQuiet();
        Fixtures.report(store, "t0", TaskState.FAILED, clock.instant());
        o.runUntilQuiet();
        assertEquals(TaskState.SHUTDOWN, get("t0").desiredState());
        assertEquals(1, slot1().size());
        assertFalse(o.runOnce(), "no hot loop");
        o.close();
        ReplicatedOrchestrator next = orchestrator();
        next.runUntilQuiet();
        assertEquals(1, slot1().size(), "a new leader does not refill it either");
    }

    @Test
    void updatingTheTemplateRefillsADeclinedSlot() {
        Service s = seed(new RestartPolicy(RestartCondition.NONE, null, null, null));
        ReplicatedOrchestrator o = orchestrator();
        Fixtures.report(store, "t0", TaskState.FAILED, clock.instant());
        o.runUntilQuiet();
        TaskSpec forced = new TaskSpec(s.spec().taskTemplate().containerSpec(), null, s.spec().taskTemplate().restartPolicy(), null, 1L);
        Fixtures.update(store, Service.class, "s", x -> x.withSpec(new dev.shoal.model.ServiceSpec(x.spec().name(), null, forced, x.spec().mode(), null)));
        o.runUntilQuiet();
        assertEquals(2, slot1().size());
        assertEquals(TaskState.RUNNING, newest().desiredState());
    }

    @Test
    void onFailureTreatsCompleteAsSuccess() {
        seed(new RestartPolicy(RestartCondition.ON_FAILURE, SEC, null, null));
        ReplicatedOrchestrator o = orchestrator();
        o.runUntilQuiet();
        endNewest(o, TaskState.FAILED);
        assertEquals(2, slot1().size());
        endNewest(o, TaskState.COMPLETE);
        assertEquals(2, slot1().size(), "complete is not restarted");
        assertEquals(TaskState.SHUTDOWN, newest().desiredState());
    }

    @Test
    void maxAttemptsCountsRestartsOfTheSlot() {
        seed(new RestartPolicy(RestartCondition.ANY, 0L, 2L, null));
        ReplicatedOrchestrator o = orchestrator();
        o.runUntilQuiet();
        endNewest(o, TaskState.FAILED);
        endNewest(o, TaskState.FAILED);
        assertEquals(3, slot1().size(), "two restarts");
        endNewest(o, TaskState.FAILED);
        assertEquals(3, slot1().size(), "no third restart");
        assertFalse(o.runOnce());
    }

    @Test
    void maxAttemptsWithinAWindow() {
        seed(new RestartPolicy(RestartCondition.ANY, 0L, 1L, 10 * SEC));
        ReplicatedOrchestrator o = orchestrator();
        o.runUntilQuiet();
        endNewest(o, TaskState.FAILED);
        assertEquals(2, slot1().size());
        clock.advance(Duration.ofSeconds(30));
        endNewest(o, TaskState.FAILED);
        assertEquals(3, slot1().size(), "the first restart is outside the window");
        endNewest(o, TaskState.FAILED);
        assertEquals(3, slot1().size(), "one restart within the window already");
    }

    @Test
    void aNewLeaderRearmsDelayedStarts() {
        seed(RestartPolicy.DEFAULT);
        ReplicatedOrchestrator old = orchestrator();
        old.runUntilQuiet();
        Fixtures.report(store, "t0", TaskState.FAILED, clock.instant());
        old.runUntilQuiet();
        old.close();
        Task waiting = newest();
        assertEquals(TaskState.READY, waiting.desiredState());
        clock.advance(Duration.ofSeconds(2));
        ReplicatedOrchestrator fresh = orchestrator();
        fresh.runUntilQuiet();
        assertEquals(List.of(waiting.id()), fresh.supervisor().armed());
        assertEquals(TaskState.READY, get(waiting.id()).desiredState());
        clock.advance(Duration.ofSeconds(3));
        fresh.runUntilQuiet();
        assertEquals(TaskState.RUNNING, get(waiting.id()).desiredState());
    }

    @Test
    void runningLoopStartsTheReplacementOnceTheClockPassesTheDelay() {
        seed(RestartPolicy.DEFAULT);
        try (ReplicatedOrchestrator o = orchestrator()) {
            o.start();
            Fixtures.report(store, "t0", TaskState.FAILED, clock.instant());
            Wait.until("replacement created", () -> slot1().size() == 2);
            Task next = newest();
            assertEquals(TaskState.READY, next.desiredState());
            clock.advance(Duration.ofSeconds(5));
            Wait.until("replacement started", () -> get(next.id()).desiredState() == TaskState.RUNNING);
        }
    }

    @Test
    void aTaskLostWithItsNodeRestartsAtOnce() {
        Service s = service("s", 1, spec("x", new RestartPolicy(RestartCondition.ANY, 3 * SEC, null, null)));
        Task lost = task("l", s, 1, "a", TaskState.RUNNING, TaskState.RUNNING, T0);
        RestartSupervisor sup = new RestartSupervisor(new dev.shoal.manager.orchestrator.TaskFactory(new Ids()));
        var down = dev.shoal.testutil.Fixtures.withState(dev.shoal.testutil.Fixtures.node("a"), dev.shoal.model.NodeState.DOWN);
        assertEquals(T0, sup.decide(s, lost, List.of(lost), down, T0).startAt(), "node DOWN");
        assertEquals(T0, sup.decide(s, lost, List.of(lost), null, T0).startAt(), "node removed");
    }

    @Test
    void decideIsPure() {
        Service s = service("s", 1, spec("x", new RestartPolicy(RestartCondition.ANY, 3 * SEC, null, null)));
        Task failed = task("f", s, 1, "a", TaskState.FAILED, TaskState.RUNNING, T0);
        RestartSupervisor sup = new RestartSupervisor(new dev.shoal.manager.orchestrator.TaskFactory(new Ids()));
        RestartSupervisor.Decision d = sup.decide(s, failed, List.of(failed), dev.shoal.testutil.Fixtures.node("a"), T0);
        assertNotNull(d.replacement());
        assertEquals(TaskState.SHUTDOWN, d.shutdown().desiredState());
        assertEquals(TaskState.READY, d.replacement().desiredState());
        assertEquals(T0.plusSeconds(3), d.startAt());
        assertNull(sup.nextDue(), "nothing armed before the commit");
        sup.committed(d);
        assertEquals(T0.plusSeconds(3), sup.nextDue());
        assertEquals(List.of(), sup.takeDue(T0.plusSeconds(2)));
        assertEquals(List.of(d.replacement().id()), sup.takeDue(T0.plusSeconds(3)));
    }
}
