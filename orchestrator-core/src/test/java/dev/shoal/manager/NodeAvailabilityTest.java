package dev.shoal.manager;

import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.service;

import dev.shoal.manager.orchestrator.replicated.ReplicatedOrchestrator;
import dev.shoal.manager.scheduler.Scheduler;
import dev.shoal.manager.scheduler.SchedulerLoop;
import dev.shoal.model.Ids;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
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

/** {@code node update --availability}: drain moves a node's tasks at once, pause only stops new ones landing. */
class NodeAvailabilityTest {
    private final Store store = Store.local();
    private final MutableClock clock = new MutableClock();

    private Map<String, Long> wantedPerNode() {
        return store.view(tx -> tx.tasksOfService("web").stream()
                .filter(t -> t.desiredState() == TaskState.RUNNING && t.nodeId() != null)
                .collect(Collectors.groupingBy(Task::nodeId, Collectors.counting())));
    }

    private void availability(String node, NodeAvailability a) {
        Fixtures.update(store, Node.class, node, n -> n.withSpec(n.spec().withAvailability(a)));
    }

    @Test
    void drainMovesTasksWithoutRestartDelayAndPausePlacesNothingNew() {
        Fixtures.seed(store, node("a"), node("b"), node("c"));
        Duration tick = Duration.ofMillis(10);
        try (ReplicatedOrchestrator orchestrator = new ReplicatedOrchestrator(store, clock, new Ids(), tick);
             SchedulerLoop scheduler = new SchedulerLoop(store, clock, new Scheduler(), tick)) {
            orchestrator.start();
            scheduler.start();
            Fixtures.seed(store, service("web", 6));
            Wait.until("two tasks on each node", () -> wantedPerNode().equals(Map.of("a", 2L, "b", 2L, "c", 2L)));

            availability("c", NodeAvailability.DRAIN);
            // the clock does not move: replacements of drained tasks skip the restart delay, as in Swarm
            Wait.until("c's tasks moved to a and b", () -> wantedPerNode().equals(Map.of("a", 3L, "b", 3L)));

            // c's agent stops the old tasks and says so
            for (Task t : store.view(tx -> java.util.List.copyOf(tx.tasksOfNode("c")))) Fixtures.report(store, t.id(), TaskState.SHUTDOWN, Fixtures.T0);
            availability("c", NodeAvailability.ACTIVE);
            availability("b", NodeAvailability.PAUSE);
            Fixtures.update(store, Service.class, "web", s -> s.withSpec(s.spec().withMode(ServiceMode.replicated(9))));
            Wait.until("new tasks avoid the paused node; its own tasks stay",
                    () -> wantedPerNode().equals(Map.of("a", 3L, "b", 3L, "c", 3L)));
        }
    }
}
