package dev.shoal.manager.orchestrator.rebalance;

import static dev.shoal.manager.orchestrator.rebalance.RebalancePlannerTest.optedIn;
import static dev.shoal.manager.orchestrator.rebalance.RebalancePlannerTest.running;
import static dev.shoal.testutil.Fixtures.T0;
import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.withState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manager.orchestrator.replicated.ReplicatedOrchestrator;
import dev.shoal.manager.scheduler.SchedulerLoop;
import dev.shoal.model.Ids;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeState;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.testutil.Fixtures;
import dev.shoal.testutil.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The rebalancer with the replicated orchestrator and the scheduler, each run one pass at a time on the
 * test's thread, and a hand-played agent: every step is visible and the running count is checked after
 * each one.
 */
class RebalancerTest {
    private final Store store = Store.local();
    private final MutableClock clock = new MutableClock(T0.plusSeconds(600));
    private final Rebalancer rebalancer = new Rebalancer(store, clock, new Ids());
    private final ReplicatedOrchestrator orchestrator = new ReplicatedOrchestrator(store, clock, new Ids());
    private final SchedulerLoop scheduler = new SchedulerLoop(store, clock);
    private int lowestRunning = Integer.MAX_VALUE;

    /** Tasks of {@code serviceId} observed and desired RUNNING, per node (sorted). */
    private Map<String, Integer> runningPerNode(String serviceId) {
        return store.view(tx -> {
            Map<String, Integer> m = new TreeMap<>();
            for (Task t : tx.tasksOfService(serviceId)) {
                if (t.state() == TaskState.RUNNING && t.desiredState() == TaskState.RUNNING) m.merge(t.nodeId(), 1, Integer::sum);
            }
            return m;
        });
    }

    private int runningCount(String serviceId) { return runningPerNode(serviceId).values().stream().mapToInt(Integer::intValue).sum(); }

    private List<Task> tasks(Predicate<Task> p) {
        return store.view(tx -> {
            List<Task> out = new ArrayList<>();
            for (Task t : tx.tasks()) if (p.test(t)) out.add(t);
            return out;
        });
    }

    /** What the agents would do next: start assigned tasks, stop running tasks the manager shut down. Returns whether anything changed. */
    private boolean agentsAct() {
        List<StoreAction> reports = new ArrayList<>();
        for (Task t : tasks(t -> t.nodeId() != null)) {
            if (t.desiredState() == TaskState.RUNNING && t.state().compareTo(TaskState.RUNNING) < 0) {
                reports.add(new StoreAction.UpdateTaskStatus(t.id(), TaskStatus.of(clock.instant(), TaskState.RUNNING, "started")));
            } else if (t.desiredState().isAfter(TaskState.RUNNING) && !t.state().isTerminal()) {
                reports.add(new StoreAction.UpdateTaskStatus(t.id(), TaskStatus.of(clock.instant(), TaskState.SHUTDOWN, "stopped")));
            }
        }
        if (reports.isEmpty()) return false;
        store.commit(Proposal.each(reports));
        return true;
    }

    /** One round of every loop and the agents, checking the running count after each step; returns whether anything moved. */
    private boolean round(String serviceId) {
        boolean moved = false;
        moved |= rebalancer.runOnce();
        check(serviceId);
        moved |= orchestrator.runOnce();
        check(serviceId);
        moved |= scheduler.runOnce();
        check(serviceId);
        moved |= agentsAct();
        check(serviceId);
        return moved;
    }

    private void check(String serviceId) { lowestRunning = Math.min(lowestRunning, runningCount(serviceId)); }

    private void settle(String serviceId) {
        for (int i = 0; i < 100; i++) if (!round(serviceId)) return;
        throw new AssertionError("the loops did not settle");
    }

    private void seedThreeThreeAndAnUnreadyNode(Service... services) {
        Fixtures.seed(store, node("a"), node("b"), withState(node("c"), NodeState.UNKNOWN));
        for (Service s : services) {
            Fixtures.seed(store, s);
            Fixtures.seed(store, running(s, "a", "a", "a", "b", "b", "b"));
        }
    }

    @Test
    void aJoiningNodeGetsItsShareOneStartFirstMoveAtATime() {
        seedThreeThreeAndAnUnreadyNode(optedIn("web", 6));
        settle("web");
        assertEquals(Map.of("a", 3, "b", 3), runningPerNode("web"), "two nodes: balanced already");
        assertTrue(rebalancer.armed().isEmpty(), "balanced services are disarmed");
        lowestRunning = Integer.MAX_VALUE;

        Fixtures.update(store, Node.class, "c", n -> withState(n, NodeState.READY));
        assertTrue(rebalancer.runOnce(), "the node coming up arms the service");
        List<Task> replacements = tasks(t -> t.serviceId().equals("web") && t.nodeId() == null);
        assertEquals(1, replacements.size(), "one move at a time");
        assertTrue(scheduler.runOnce());
        assertEquals("c", store.view(tx -> tx.task(replacements.get(0).id())).nodeId(), "the scheduler puts the replacement on the empty node");
        assertFalse(orchestrator.runOnce(), "the orchestrator leaves the slot in handover alone");
        assertEquals(6, runningCount("web"));

        settle("web");
        assertEquals(Map.of("a", 2, "b", 2, "c", 2), runningPerNode("web"));
        assertEquals(6, lowestRunning, "never fewer than 6 running along the way");
        assertTrue(rebalancer.armed().isEmpty());
        long live = tasks(t -> t.serviceId().equals("web") && !t.desiredState().isAfter(TaskState.RUNNING)).size();
        assertEquals(6, live, "no task left over");
    }

    @Test
    void aServiceWithoutTheLabelStaysWhereItIs() {
        seedThreeThreeAndAnUnreadyNode(optedIn("web", 6), Fixtures.service("plain", 6));
        settle("web");
        Fixtures.update(store, Node.class, "c", n -> withState(n, NodeState.READY));
        settle("web");
        assertEquals(Map.of("a", 2, "b", 2, "c", 2), runningPerNode("web"));
        assertEquals(Map.of("a", 3, "b", 3), runningPerNode("plain"), "Swarm's behaviour for services that did not opt in");
    }

    @Test
    void aNodeBackToActiveAndAServiceOptingInBothTrigger() {
        Fixtures.seed(store, node("a"), node("b"), node("c").withSpec(node("c").spec().withAvailability(NodeAvailability.PAUSE)));
        Service plain = Fixtures.service("web", 6);
        Fixtures.seed(store, plain);
        Fixtures.seed(store, running(plain, "a", "a", "a", "b", "b", "b"));
        settle("web");
        Fixtures.update(store, Node.class, "c", n -> n.withSpec(n.spec().withAvailability(NodeAvailability.ACTIVE)));
        settle("web");
        assertEquals(Map.of("a", 3, "b", 3), runningPerNode("web"), "not opted in yet");

        Fixtures.update(store, Service.class, "web", s -> s.withSpec(new ServiceSpec(s.spec().name(), Map.of(Rebalancing.LABEL, "true"),
                s.spec().taskTemplate(), s.spec().mode(), s.spec().endpointSpec())));
        settle("web");
        assertEquals(Map.of("a", 2, "b", 2, "c", 2), runningPerNode("web"), "opting in rebalances");
        assertEquals(6, lowestRunning);

        Fixtures.update(store, Node.class, "c", n -> n.withSpec(n.spec().withAvailability(NodeAvailability.DRAIN)));
        settle("web");
        assertEquals(Map.of("a", 3, "b", 3), runningPerNode("web"), "drained: the orchestrator moved c's tasks away");
        Fixtures.update(store, Node.class, "c", n -> n.withSpec(n.spec().withAvailability(NodeAvailability.ACTIVE)));
        settle("web");
        assertEquals(Map.of("a", 2, "b", 2, "c", 2), runningPerNode("web"), "back to active: spread again");
    }

    @Test
    void aFailedMoveKeepsTheOldTaskAndBacksOff() {
        seedThreeThreeAndAnUnreadyNode(optedIn("web", 6));
        settle("web");
        Fixtures.update(store, Node.class, "c", n -> withState(n, NodeState.READY));
        assertTrue(rebalancer.runOnce());
        assertTrue(scheduler.runOnce());
        Task replacement = tasks(t -> t.serviceId().equals("web") && "c".equals(t.nodeId())).get(0);
        Fixtures.report(store, replacement.id(), TaskState.FAILED, clock.instant());

        assertTrue(rebalancer.runOnce(), "the failed replacement is shut down");
        assertEquals(TaskState.SHUTDOWN, store.view(tx -> tx.task(replacement.id())).desiredState());
        assertEquals(Map.of("a", 3, "b", 3), runningPerNode("web"), "the old task still runs");
        orchestrator.runUntilQuiet();
        assertEquals(0, tasks(t -> t.serviceId().equals("web") && t.desiredState() == TaskState.READY).size(),
                "the orchestrator does not restart the failed replacement");
        assertEquals(6, tasks(t -> t.serviceId().equals("web") && t.desiredState() == TaskState.RUNNING).size());

        Fixtures.update(store, Service.class, "web", s -> s); // an event for the service: still backing off
        assertFalse(rebalancer.runOnce(), "backing off: no new move yet");
        clock.advance(Rebalancer.FIRST_BACKOFF);
        assertTrue(rebalancer.runOnce(), "after the back-off it tries again");
        settle("web");
        assertEquals(Map.of("a", 2, "b", 2, "c", 2), runningPerNode("web"));
    }

    @Test
    void optingOutMidMoveFinishesTheMoveAndStartsNoOther() {
        seedThreeThreeAndAnUnreadyNode(optedIn("web", 6));
        settle("web");
        Fixtures.update(store, Node.class, "c", n -> withState(n, NodeState.READY));
        assertTrue(rebalancer.runOnce());
        assertTrue(scheduler.runOnce());
        Fixtures.update(store, Service.class, "web", s -> s.withSpec(new ServiceSpec(s.spec().name(), Map.of(),
                s.spec().taskTemplate(), s.spec().mode(), s.spec().endpointSpec())));
        settle("web");
        assertEquals(6, lowestRunning);
        assertEquals(Map.of("a", 2, "b", 3, "c", 1), runningPerNode("web"), "the move under way finished; no other started");
        assertEquals(6, tasks(t -> t.serviceId().equals("web") && !t.desiredState().isAfter(TaskState.RUNNING)).size());
        assertTrue(rebalancer.armed().isEmpty());
    }

    @Test
    void backOffDoublesUpToFiveMinutes() {
        assertEquals(Duration.ofSeconds(5), Rebalancer.backoff(1));
        assertEquals(Duration.ofSeconds(10), Rebalancer.backoff(2));
        assertEquals(Duration.ofSeconds(40), Rebalancer.backoff(4));
        assertEquals(Duration.ofMinutes(5), Rebalancer.backoff(30));
    }

    @Test
    void readinessOrSpecChangesOfAnActiveNodeTrigger() {
        Node ready = node("c");
        assertTrue(Rebalancer.startsTakingTasks(null, ready), "joins ready");
        assertTrue(Rebalancer.startsTakingTasks(withState(ready, NodeState.DOWN), ready), "comes back");
        assertTrue(Rebalancer.startsTakingTasks(ready.withSpec(ready.spec().withAvailability(NodeAvailability.PAUSE)), ready), "paused to active");
        assertTrue(Rebalancer.startsTakingTasks(ready, ready.withSpec(ready.spec().withLabels(Map.of("zone", "x")))), "new labels");
        assertFalse(Rebalancer.startsTakingTasks(ready, ready), "nothing changed");
        assertFalse(Rebalancer.startsTakingTasks(ready, withState(ready, NodeState.DOWN)), "goes down");
    }
}
