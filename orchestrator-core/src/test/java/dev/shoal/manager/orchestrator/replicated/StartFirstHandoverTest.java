package dev.shoal.manager.orchestrator.replicated;

import static dev.shoal.testutil.Fixtures.T0;
import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.service;
import static dev.shoal.testutil.Fixtures.task;
import static dev.shoal.testutil.Fixtures.withState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shoal.model.Ids;
import dev.shoal.model.Node;
import dev.shoal.model.NodeState;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.Store;
import dev.shoal.testutil.Fixtures;
import dev.shoal.testutil.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The replicated orchestrator during a start-first handover (a rebalancing move): a slot whose older
 * task RUNs while a newer one comes up is one filled slot, not a surplus task nor a missing one.
 */
class StartFirstHandoverTest {
    private final Store store = Store.local();
    private final MutableClock clock = new MutableClock(T0.plusSeconds(60));
    private final Service s = service("s", 2);

    private ReplicatedOrchestrator seeded(Task incoming) {
        Fixtures.seed(store, node("a"), node("b"), node("c"), s,
                task("t1", s, 1, "a", TaskState.RUNNING, TaskState.RUNNING, T0),
                task("t2", s, 2, "a", TaskState.RUNNING, TaskState.RUNNING, T0),
                incoming);
        return new ReplicatedOrchestrator(store, clock, new Ids());
    }

    private Task get(String id) { return store.view(tx -> tx.task(id)); }

    private int taskCount() { return store.view(tx -> tx.tasksOfService("s").size()); }

    private static Task incoming(TaskState state, String node) { return task("new2", service("s", 2), 2, node, state, TaskState.RUNNING, T0.plusSeconds(30)); }

    @Test
    void aNewcomerComingUpIsLeftAloneAndTheSlotCountsOnce() {
        for (TaskState state : List.of(TaskState.PENDING, TaskState.ASSIGNED, TaskState.STARTING)) {
            Store fresh = Store.local();
            Fixtures.seed(fresh, node("a"), node("c"), s,
                    task("t1", s, 1, "a", TaskState.RUNNING, TaskState.RUNNING, T0),
                    task("t2", s, 2, "a", TaskState.RUNNING, TaskState.RUNNING, T0),
                    incoming(state, state == TaskState.PENDING ? null : "c"));
            ReplicatedOrchestrator o = new ReplicatedOrchestrator(fresh, clock, new Ids());
            assertFalse(o.runOnce(), "nothing to do while the newcomer comes up (" + state + ")");
            assertEquals(3, (int) fresh.view(tx -> tx.tasksOfService("s").size()));
            assertEquals(TaskState.RUNNING, fresh.view(tx -> tx.task("t2")).desiredState());
            assertEquals(TaskState.RUNNING, fresh.view(tx -> tx.task("new2")).desiredState());
        }
    }

    @Test
    void oncePastTheHandoverTheOlderTaskGoes() {
        ReplicatedOrchestrator o = seeded(incoming(TaskState.STARTING, "c"));
        o.runUntilQuiet();
        Fixtures.report(store, "new2", TaskState.RUNNING, T0.plusSeconds(40));
        // a status report alone does not wake the orchestrator; a service update does
        Fixtures.update(store, Service.class, "s", x -> x);
        o.runUntilQuiet();
        assertEquals(TaskState.SHUTDOWN, get("t2").desiredState(), "both run: the newest keeps the slot");
        assertEquals(TaskState.RUNNING, get("new2").desiredState());
        assertEquals(3, taskCount(), "nothing created");
    }

    @Test
    void aNewcomerThatFailsIsShutDownAndTheOlderTaskStays() {
        ReplicatedOrchestrator o = seeded(incoming(TaskState.STARTING, "c"));
        o.runUntilQuiet();
        Fixtures.report(store, "new2", TaskState.FAILED, T0.plusSeconds(40));
        o.runUntilQuiet();
        assertEquals(TaskState.SHUTDOWN, get("new2").desiredState());
        assertEquals(TaskState.RUNNING, get("t2").desiredState(), "the running task keeps its slot");
        assertEquals(3, taskCount(), "the failed newcomer is not restarted");
    }

    @Test
    void aNewcomerWhoseNodeGoesDownIsShutDownAndTheOlderTaskStays() {
        ReplicatedOrchestrator o = seeded(incoming(TaskState.STARTING, "c"));
        o.runUntilQuiet();
        Fixtures.update(store, Node.class, "c", n -> withState(n, NodeState.DOWN));
        o.runUntilQuiet();
        assertEquals(TaskState.SHUTDOWN, get("new2").desiredState());
        assertEquals(TaskState.RUNNING, get("t2").desiredState());
        assertEquals(3, taskCount());
    }

    @Test
    void ifTheOlderTaskFailsTheNewcomerHoldsTheSlot() {
        ReplicatedOrchestrator o = seeded(incoming(TaskState.STARTING, "c"));
        o.runUntilQuiet();
        Fixtures.report(store, "t2", TaskState.FAILED, T0.plusSeconds(40));
        o.runUntilQuiet();
        assertEquals(TaskState.SHUTDOWN, get("t2").desiredState());
        assertEquals(TaskState.RUNNING, get("new2").desiredState(), "the newcomer is already on its way");
        assertEquals(3, taskCount(), "no restart: the slot is filled");
    }

    @Test
    void scalingDownASlotInHandoverStopsBothTasks() {
        ReplicatedOrchestrator o = seeded(incoming(TaskState.STARTING, "c"));
        o.runUntilQuiet();
        Fixtures.update(store, Service.class, "s", x -> x.withSpec(x.spec().withMode(ServiceMode.replicated(1))));
        o.runUntilQuiet();
        // both slots run on a; Swarm's order removes the higher-ranked of them, slot 2 here
        long runnable = store.view(tx -> tx.tasksOfService("s").stream().filter(t -> !t.desiredState().isAfter(TaskState.RUNNING)).count());
        assertEquals(1, runnable, "one task left");
        assertEquals(TaskState.RUNNING, get("t1").desiredState());
        assertEquals(TaskState.SHUTDOWN, get("t2").desiredState());
        assertEquals(TaskState.SHUTDOWN, get("new2").desiredState(), "the newcomer goes with its slot");
    }
}
