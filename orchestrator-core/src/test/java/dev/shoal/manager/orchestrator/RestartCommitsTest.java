package dev.shoal.manager.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shoal.manager.restart.RestartSupervisor;
import dev.shoal.model.Ids;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.Store;
import dev.shoal.testutil.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A refused batch of restarts falls back to single restarts, all proposed at once; only stale ones are refused. */
class RestartCommitsTest {
    @Test
    void oneStaleRestartDoesNotBlockTheOthers() {
        Store local = Store.local();
        List<Integer> entries = new ArrayList<>();
        Store store = new Store(local.memory(), p -> {
            entries.add(p.actions().size());
            return local.proposer().propose(p);
        });
        Service s = Fixtures.service("s", 3);
        List<Task> failed = new ArrayList<>();
        for (int i = 1; i <= 3; i++) failed.add(Fixtures.task("t" + i, s, i, null, TaskState.FAILED, TaskState.RUNNING, Fixtures.T0));
        Fixtures.seed(store, Fixtures.node("n1"), s, failed);
        List<Task> read = store.view(tx -> List.of(tx.task("t1"), tx.task("t2"), tx.task("t3")));
        Fixtures.report(store, "t2", TaskState.REJECTED, Fixtures.T0.plusSeconds(1)); // t2 changed since it was read
        TaskFactory factory = new TaskFactory(new Ids());
        RestartSupervisor supervisor = new RestartSupervisor(factory);
        List<RestartSupervisor.Decision> decisions = new ArrayList<>();
        for (Task t : read) {
            decisions.add(new RestartSupervisor.Decision(t.withDesiredState(TaskState.SHUTDOWN),
                    factory.newTask(s, t.slot(), null, TaskState.RUNNING, Fixtures.T0), null));
        }
        entries.clear();
        Set<String> refused = RestartCommits.commit(store, supervisor, decisions);
        assertEquals(List.of(6, 4), entries, "the batch, then the batch without the stale restart");
        assertEquals(Set.of("s"), refused);
        assertEquals(TaskState.SHUTDOWN, store.view(tx -> tx.task("t1").desiredState()));
        assertEquals(TaskState.RUNNING, store.view(tx -> tx.task("t2").desiredState()), "the stale restart was refused");
        assertEquals(TaskState.SHUTDOWN, store.view(tx -> tx.task("t3").desiredState()));
        assertNotNull(store.view(tx -> tx.task(decisions.get(0).replacement().id())));
        assertNull(store.view(tx -> tx.task(decisions.get(1).replacement().id())));
        assertEquals(5, (int) store.view(tx -> tx.tasksOfService("s").size()));
    }
}
