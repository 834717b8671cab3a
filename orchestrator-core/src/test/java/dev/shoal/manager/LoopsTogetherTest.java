package dev.shoal.manager;

import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.service;
import static dev.shoal.testutil.Fixtures.withState;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.manager.orchestrator.replicated.ReplicatedOrchestrator;
import dev.shoal.manager.reaper.TaskReaper;
import dev.shoal.manager.scheduler.SchedulerLoop;
import dev.shoal.model.Ids;
import dev.shoal.model.Node;
import dev.shoal.model.NodeState;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.Store;
import dev.shoal.testutil.Fixtures;
import dev.shoal.testutil.MutableClock;
import dev.shoal.testutil.Wait;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The leader's loops running side by side on one store, as the manager will run them. */
class LoopsTogetherTest {
    private final Store store = Store.local();
    private final MutableClock clock = new MutableClock();

    private Map<String, Long> runningPerNode() {
        return store.view(tx -> tx.tasksOfService("web").stream()
                .filter(t -> t.desiredState() == TaskState.RUNNING && t.nodeId() != null)
                .collect(Collectors.groupingBy(Task::nodeId, Collectors.counting())));
    }

    @Test
    void serviceIsPlacedAndHealsAfterANodeGoesDown() {
        Fixtures.seed(store, node("a"), node("b"), node("c"));
        Duration tick = Duration.ofMillis(10);
        try (ReplicatedOrchestrator orchestrator = new ReplicatedOrchestrator(store, clock, new Ids(), tick);
             SchedulerLoop scheduler = new SchedulerLoop(store, clock, new dev.shoal.manager.scheduler.Scheduler(), tick);
             TaskReaper reaper = new TaskReaper(store, clock, tick)) {
            orchestrator.start();
            scheduler.start();
            reaper.start();
            Fixtures.seed(store, service("web", 6));
            Wait.until("two tasks on each node", () -> runningPerNode().equals(Map.of("a", 2L, "b", 2L, "c", 2L)));

            Fixtures.update(store, Node.class, "c", n -> withState(n, NodeState.DOWN));
            // Tasks lost with their node are replaced at once (no restart delay: they did not fail).
            Wait.until("three tasks on each live node", () -> runningPerNode().equals(Map.of("a", 3L, "b", 3L)));
            long desiredRunningOnC = store.view(tx -> tx.tasksOfNode("c").stream().filter(t -> t.desiredState() == TaskState.RUNNING).count());
            assertEquals(0, desiredRunningOnC, "tasks on the down node are shut down");
        }
    }
}
