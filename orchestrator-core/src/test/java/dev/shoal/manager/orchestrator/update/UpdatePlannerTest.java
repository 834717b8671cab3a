package dev.shoal.manager.orchestrator.update;

import static dev.shoal.testutil.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.model.Ids;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.UpdateConfig;
import dev.shoal.model.UpdateState;
import dev.shoal.model.UpdateStatus;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.testutil.Fixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The updater's decisions, one pass at a time over a seeded store (Nomad-style). */
class UpdatePlannerTest {
    private final Store store = Store.local();
    private final UpdatePlanner planner = new UpdatePlanner(new TaskFactory(new Ids()));

    private Service seedThreeRunningThenUpdate(UpdateConfig u) {
        Service v1 = Fixtures.service("svc1", 3, Fixtures.spec("app:1"));
        Fixtures.seed(store, Fixtures.node("n1"), v1,
                Fixtures.task("t1", v1, 1, "n1", TaskState.RUNNING, TaskState.RUNNING, T0),
                Fixtures.task("t2", v1, 2, "n1", TaskState.RUNNING, TaskState.RUNNING, T0),
                Fixtures.task("t3", v1, 3, "n1", TaskState.RUNNING, TaskState.RUNNING, T0));
        Fixtures.update(store, Service.class, "svc1", s -> s.withSpec(s.spec().withTaskTemplate(Fixtures.spec("app:2")).withUpdateConfig(u)));
        return store.view(tx -> tx.service("svc1"));
    }

    private UpdatePlan plan(Service s, java.time.Instant lastBatch) {
        return store.view(tx -> planner.plan(tx, s, T0.plusSeconds(60), lastBatch));
    }

    @Test
    void stopFirstReplacesOneSlotAtATimeByDefault() {
        Service s = seedThreeRunningThenUpdate(null);
        UpdatePlan p = plan(s, null);
        assertFalse(p.done());
        assertEquals(3, p.stale());
        assertEquals(1, p.batches().size(), "parallelism 1");
        List<StoreAction> slot = p.batches().get(0);
        assertEquals(TaskState.SHUTDOWN, ((Task) ((StoreAction.Update) slot.get(0)).object()).desiredState());
        Task fresh = (Task) ((StoreAction.Create) slot.get(1)).object();
        assertEquals(1, fresh.slot());
        assertEquals("app:2", fresh.spec().containerSpec().image());
    }

    @Test
    void waitsForTheInFlightSlotThenForTheDelay() {
        Service s = seedThreeRunningThenUpdate(new UpdateConfig(1L, Duration.ofSeconds(30).toNanos(), null, null, null, null));
        Fixtures.seed(store, Fixtures.task("t1b", s, 1, "n1", TaskState.STARTING, TaskState.RUNNING, T0.plusSeconds(50)));
        Fixtures.update(store, Task.class, "t1", t -> t.withDesiredState(TaskState.SHUTDOWN));
        assertTrue(plan(s, null).batches().isEmpty(), "one slot in flight fills the parallelism");
        Fixtures.report(store, "t1b", TaskState.RUNNING, T0.plusSeconds(55));
        assertTrue(plan(s, T0.plusSeconds(50)).batches().isEmpty(), "the delay since the last batch has not passed");
        assertEquals(1, plan(s, T0.plusSeconds(20)).batches().size());
    }

    @Test
    void startFirstCreatesFirstAndRetiresTheOldTaskOnceTheNewOneRuns() {
        Service s = seedThreeRunningThenUpdate(new UpdateConfig(0L, null, null, null, null, "start-first"));
        UpdatePlan p = plan(s, null);
        assertEquals(3, p.batches().size(), "parallelism 0: all at once");
        p.batches().forEach(b -> assertEquals(1, b.size(), "start-first only creates"));
        Fixtures.seed(store, Fixtures.task("t1b", s, 1, "n1", TaskState.RUNNING, TaskState.RUNNING, T0.plusSeconds(50)));
        UpdatePlan next = plan(s, null);
        assertTrue(next.batches().stream().anyMatch(b -> b.size() == 1 && b.get(0) instanceof StoreAction.Update u
                && u.object().id().equals("t1")), "t1 retires once t1b runs");
    }

    @Test
    void aRollbackRollsWithTheRollbackConfig() {
        seedThreeRunningThenUpdate(UpdateConfig.parallelism(1));
        Fixtures.update(store, Service.class, "svc1", x -> x.withSpec(x.spec().withRollbackConfig(UpdateConfig.parallelism(0)))
                .withUpdateStatus(new UpdateStatus(UpdateState.ROLLBACK_STARTED, T0, null, "manually requested rollback")));
        Service rollingBack = store.view(tx -> tx.service("svc1"));
        assertEquals(3, plan(rollingBack, null).batches().size(), "RollbackConfig parallelism 0: all at once");
        Fixtures.update(store, Service.class, "svc1", x -> x.withUpdateStatus(null));
        assertEquals(1, plan(store.view(tx -> tx.service("svc1")), null).batches().size(), "UpdateConfig parallelism 1");
    }

    @Test
    void anUpToDateServiceIsDone() {
        Service v1 = Fixtures.service("svc1", 1, Fixtures.spec("app:1"));
        Fixtures.seed(store, Fixtures.node("n1"), v1, Fixtures.task("t1", v1, 1, "n1", TaskState.RUNNING, TaskState.RUNNING, T0));
        assertTrue(plan(store.view(tx -> tx.service("svc1")), null).done());
    }

    @Test
    void aServiceWhoseTasksAreOnlyStartingHasNoUpdateToFollow() {
        Service v1 = Fixtures.service("svc1", 2, Fixtures.spec("app:1"));
        Fixtures.seed(store, Fixtures.node("n1"), v1, Fixtures.task("t1", v1, 1, "n1", TaskState.STARTING, TaskState.RUNNING, T0),
                Fixtures.pending("t2", v1, 2));
        UpdatePlan p = plan(store.view(tx -> tx.service("svc1")), null);
        assertTrue(p.done(), "a new service's starting tasks are not an update");
        assertTrue(p.batches().isEmpty());
    }
}
