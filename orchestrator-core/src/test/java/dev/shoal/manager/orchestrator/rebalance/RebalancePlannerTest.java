package dev.shoal.manager.orchestrator.rebalance;

import static dev.shoal.testutil.Fixtures.GB;
import static dev.shoal.testutil.Fixtures.T0;
import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.manager.scheduler.ClusterView;
import dev.shoal.manager.scheduler.Scheduler;
import dev.shoal.model.Ids;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.Placement;
import dev.shoal.model.PlacementPreference;
import dev.shoal.model.Resources;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.UpdateConfig;
import dev.shoal.model.Version;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.testutil.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nomad-style: seed nodes, services and tasks in the store, run one planning pass, assert on the plan. */
class RebalancePlannerTest {
    private static final Instant NOW = T0.plusSeconds(600);
    private final Store store = Store.local();
    private final RebalancePlanner planner = new RebalancePlanner(new Scheduler(), new TaskFactory(new Ids()));

    static Service optedIn(String id, long replicas, TaskSpec spec) {
        return new Service(id, Version.NONE, T0, T0,
                new ServiceSpec(id + "-name", Map.of(Rebalancing.LABEL, "true"), spec, ServiceMode.replicated(replicas), null), null);
    }

    static Service optedIn(String id, long replicas) { return optedIn(id, replicas, Fixtures.spec("nginx")); }

    /** Tasks of {@code svc} RUNNING on the given nodes, slots 1.. in order. */
    static List<Task> running(Service svc, String... nodes) {
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            out.add(task(svc.id() + "-" + (i + 1), svc, i + 1, nodes[i], TaskState.RUNNING, TaskState.RUNNING, T0));
        }
        return out;
    }

    private RebalancePlan plan(String serviceId) {
        return store.view(tx -> {
            ClusterView view = ClusterView.of(tx);
            RebalancePlan p = planner.plan(tx, view, tx.service(serviceId), NOW);
            ClusterView fresh = ClusterView.of(tx);
            for (Node n : tx.nodes()) {
                assertEquals(fresh.load(n.id()).tasks(), view.load(n.id()).tasks(), "the planner restores the view it borrowed");
            }
            return p;
        });
    }

    private static Task created(RebalancePlan p, int i) { return (Task) ((StoreAction.Create) p.actions().get(i)).object(); }

    private static Task updated(RebalancePlan p, int i) { return (Task) ((StoreAction.Update) p.actions().get(i)).object(); }

    @Test
    void movesOneTaskFromTheFullestNodeToTheEmptyOne() {
        Service s = optedIn("web", 6);
        Fixtures.seed(store, node("a"), node("b"), node("c"), s, running(s, "a", "a", "a", "b", "b", "b"));
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.MOVING, p.verdict(), p.explanation());
        assertEquals(1, p.moves().size(), "one move at a time");
        RebalancePlan.Move m = p.moves().get(0);
        assertEquals("a", m.fromNode());
        assertEquals("c", m.toNode());
        assertEquals("web-3", m.old().id(), "the highest slot of the fullest node");
        assertEquals(1, p.actions().size(), "only the replacement is written; the old task keeps running");
        Task r = created(p, 0);
        assertSame(m.replacement(), r);
        assertEquals(3, r.slot(), "the replacement takes over the same slot");
        assertNull(r.nodeId(), "the scheduler places it");
        assertEquals(TaskState.PENDING, r.state());
        assertEquals(TaskState.RUNNING, r.desiredState());
        assertEquals(m.old().spec(), r.spec());
        assertTrue(p.explanation().contains("from a to c"), p.explanation());
    }

    @Test
    void aSpreadWithinOneIsBalanced() {
        Service s = optedIn("web", 7);
        Fixtures.seed(store, node("a"), node("b"), node("c"), s, running(s, "a", "a", "a", "b", "b", "c", "c"));
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.BALANCED, p.verdict(), p.explanation());
        assertTrue(p.actions().isEmpty());
        assertEquals("balanced: tasks per eligible node a=3, b=2, c=2", p.explanation());
    }

    @Test
    void servicesWithoutTheLabelOrNotReplicatedAreIgnored() {
        Service plain = Fixtures.service("plain", 6);
        Service global = new Service("global", Version.NONE, T0, T0,
                new ServiceSpec("global", Map.of(Rebalancing.LABEL, "true"), Fixtures.spec("nginx"), ServiceMode.newGlobal(), null), null);
        Service job = new Service("job", Version.NONE, T0, T0,
                new ServiceSpec("job", Map.of(Rebalancing.LABEL, "true"), Fixtures.spec("nginx"), ServiceMode.newReplicatedJob(6L, 6L), null), null);
        Service no = new Service("no", Version.NONE, T0, T0,
                new ServiceSpec("no", Map.of(Rebalancing.LABEL, "false"), Fixtures.spec("nginx"), ServiceMode.replicated(6), null), null);
        Fixtures.seed(store, node("a"), node("b"), node("c"), plain, global, job, no, running(plain, "a", "a", "a", "b", "b", "b"),
                running(no, "a", "a", "a", "b", "b", "b"));
        for (String id : List.of("plain", "global", "job", "no")) {
            RebalancePlan p = plan(id);
            assertEquals(RebalancePlan.Verdict.IGNORED, p.verdict(), id);
            assertTrue(p.actions().isEmpty(), id);
        }
    }

    @Test
    void aServiceThatOptedOutOnlyFinishesItsMoves() {
        Service s = Fixtures.service("web", 6);
        List<Task> ts = running(s, "a", "a", "a", "b", "b", "b");
        ts.add(task("new3", s, 3, "c", TaskState.STARTING, TaskState.RUNNING, T0.plusSeconds(1)));
        Fixtures.seed(store, node("a"), node("b"), node("c"), s, ts);
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.WAITING, p.verdict(), p.explanation());
        assertEquals("not opted in any more; finishing 1 move(s) in flight", p.explanation());

        Fixtures.report(store, "new3", TaskState.RUNNING, T0.plusSeconds(2));
        p = plan("web");
        assertEquals(RebalancePlan.Verdict.MOVING, p.verdict(), p.explanation());
        assertEquals("web-3", updated(p, 0).id());
        assertEquals(TaskState.SHUTDOWN, updated(p, 0).desiredState());
    }

    @Test
    void aServiceWithAPendingTaskIsLeftAlone() {
        Service s = optedIn("web", 7);
        List<Task> ts = running(s, "a", "a", "a", "b", "b", "b");
        ts.add(Fixtures.pending("web-7", s, 7));
        Fixtures.seed(store, node("a"), node("b"), node("c"), s, ts);
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.WAITING, p.verdict(), p.explanation());
        assertTrue(p.actions().isEmpty());
        assertTrue(p.explanation().contains("web-7"), p.explanation());
    }

    @Test
    void aServiceStillScalingIsLeftAlone() {
        Service s = optedIn("web", 8);
        Fixtures.seed(store, node("a"), node("b"), node("c"), s, running(s, "a", "a", "a", "b", "b", "b"));
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.WAITING, p.verdict(), p.explanation());
        assertEquals("not settled: 6 of 8 slots filled", p.explanation());
    }

    @Test
    void waitsForStoppedTasksToStop() {
        Service s = optedIn("web", 6);
        List<Task> ts = running(s, "a", "a", "a", "b", "b", "b");
        ts.add(task("old", s, 3, "a", TaskState.RUNNING, TaskState.SHUTDOWN, T0.minusSeconds(60)));
        Fixtures.seed(store, node("a"), node("b"), node("c"), s, ts);
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.WAITING, p.verdict(), p.explanation());
        assertEquals("not settled: 1 task(s) still stopping", p.explanation());
    }

    @Test
    void tasksLeftOnADownNodeAreNotWaitedFor() {
        Service s = optedIn("web", 6);
        List<Task> ts = running(s, "a", "a", "a", "b", "b", "b");
        ts.add(task("lost", s, 3, "d", TaskState.RUNNING, TaskState.SHUTDOWN, T0.minusSeconds(60)));
        Fixtures.seed(store, node("a"), node("b"), node("c"), Fixtures.withState(node("d"), dev.shoal.model.NodeState.DOWN), s, ts);
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.MOVING, p.verdict(), p.explanation());
        assertEquals("c", p.moves().get(0).toNode());
    }

    @Test
    void oneMoveInFlightIsWaitedFor() {
        Service s = optedIn("web", 6);
        List<Task> ts = running(s, "a", "a", "a", "b", "b", "b");
        ts.add(task("new3", s, 3, "c", TaskState.STARTING, TaskState.RUNNING, T0.plusSeconds(1)));
        Fixtures.seed(store, node("a"), node("b"), node("c"), s, ts);
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.WAITING, p.verdict(), p.explanation());
        assertEquals("1 move(s) in flight", p.explanation());
        assertTrue(p.actions().isEmpty(), "the old task keeps running until its replacement does");
    }

    @Test
    void aReplacementThatRunsStopsItsOldTask() {
        Service s = optedIn("web", 6);
        List<Task> ts = running(s, "a", "a", "a", "b", "b", "b");
        ts.add(task("new3", s, 3, "c", TaskState.RUNNING, TaskState.RUNNING, T0.plusSeconds(1)));
        Fixtures.seed(store, node("a"), node("b"), node("c"), s, ts);
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.MOVING, p.verdict(), p.explanation());
        assertEquals(1, p.actions().size(), "no new move in the pass that finishes one");
        Task stop = updated(p, 0);
        assertEquals("web-3", stop.id());
        assertEquals(TaskState.SHUTDOWN, stop.desiredState());
        assertTrue(p.moves().isEmpty());
    }

    @Test
    void aFailedReplacementIsShutDownAndTheOldTaskStays() {
        Service s = optedIn("web", 6);
        List<Task> ts = running(s, "a", "a", "a", "b", "b", "b");
        ts.add(task("new3", s, 3, "c", TaskState.FAILED, TaskState.RUNNING, T0.plusSeconds(1)));
        Fixtures.seed(store, node("a"), node("b"), node("c"), s, ts);
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.FAILED, p.verdict(), p.explanation());
        assertEquals(1, p.actions().size());
        Task stop = updated(p, 0);
        assertEquals("new3", stop.id());
        assertEquals(TaskState.SHUTDOWN, stop.desiredState());
    }

    @Test
    void aReplacementTheSchedulerCannotPlaceIsAbandoned() {
        Service s = optedIn("web", 6);
        List<Task> ts = running(s, "a", "a", "a", "b", "b", "b");
        Task unplaced = task("new3", s, 3, null, TaskState.PENDING, TaskState.RUNNING, T0.plusSeconds(1));
        ts.add(unplaced.withStatus(new TaskStatus(T0, TaskState.PENDING, TaskFactory.PENDING_MESSAGE, "no suitable node (insufficient resources on 3 nodes)", null)));
        Fixtures.seed(store, node("a"), node("b"), node("c"), s, ts);
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.FAILED, p.verdict(), p.explanation());
        assertEquals("new3", updated(p, 0).id());
        assertEquals(TaskState.SHUTDOWN, updated(p, 0).desiredState());
    }

    @Test
    void nodesOutsideTheConstraintsDoNotCount() {
        TaskSpec onX = Fixtures.spec("nginx", Resources.NONE, List.of("node.labels.pool==x"), null);
        Service s = optedIn("web", 6, onX);
        Fixtures.seed(store, node("a", Map.of("pool", "x")), node("b", Map.of("pool", "x")), node("c"), s,
                running(s, "a", "a", "a", "b", "b", "b"));
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.BALANCED, p.verdict(), p.explanation());
        assertEquals("balanced: tasks per eligible node a=3, b=3", p.explanation());
    }

    @Test
    void aPausedNodeIsNeitherATargetNorASource() {
        Service s = optedIn("web", 6);
        Node paused = node("c").withSpec(node("c").spec().withAvailability(NodeAvailability.PAUSE));
        Fixtures.seed(store, node("a"), node("b"), paused, node("d"), s, running(s, "a", "a", "a", "c", "c", "c"));
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.MOVING, p.verdict(), p.explanation());
        RebalancePlan.Move m = p.moves().get(0);
        assertEquals("a", m.fromNode(), "tasks on the paused node stay");
        assertEquals("b", m.toNode(), "b and d are empty; b comes first in node order");
    }

    @Test
    void aNodeWithoutRoomIsNoTarget() {
        TaskSpec big = Fixtures.spec("nginx", new Resources(0, 2 * GB), List.of(), null);
        Service s = optedIn("web", 6, big);
        Node small = Fixtures.withResources(node("c"), 4 * Fixtures.CPU, GB);
        Fixtures.seed(store, node("a"), node("b"), small, s, running(s, "a", "a", "a", "b", "b", "b"));
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.BALANCED, p.verdict(), p.explanation());
        assertTrue(p.actions().isEmpty());
        assertTrue(p.explanation().startsWith("as balanced as placement allows"), p.explanation());
        assertTrue(p.explanation().contains("the scheduler would place a task of a (3) on a (3)"), p.explanation());
    }

    @Test
    void movesStayWithinTheMaxReplicasPerNodeLimit() {
        TaskSpec three = Fixtures.spec("nginx", Resources.NONE, List.of(), 3L);
        Service s = optedIn("web", 5, three);
        // c holds its limit of 3 and gives first; d, the emptiest, takes
        Fixtures.seed(store, node("a"), node("c"), node("d"), s, running(s, "a", "a", "c", "c", "c"));
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.MOVING, p.verdict(), p.explanation());
        RebalancePlan.Move m = p.moves().get(0);
        assertEquals("c", m.fromNode(), "the fullest node gives");
        assertEquals("d", m.toNode());
    }

    @Test
    void placementPreferencesDecideWhereTasksGo() {
        TaskSpec base = Fixtures.spec("nginx");
        TaskSpec spread = new TaskSpec(base.containerSpec(), null, null,
                new Placement(List.of(), List.of(PlacementPreference.spread("node.labels.zone")), null), null);
        Service s = optedIn("web", 6, spread);
        Fixtures.seed(store, node("a", Map.of("zone", "x")), node("b", Map.of("zone", "y")), node("c", Map.of("zone", "y")), s,
                running(s, "a", "a", "a", "b", "b", "b"));
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.MOVING, p.verdict(), p.explanation());
        RebalancePlan.Move m = p.moves().get(0);
        assertEquals("b", m.fromNode(), "zone x (a alone) keeps its half: moving from a would unbalance the zones");
        assertEquals("c", m.toNode());
    }

    @Test
    void placementPreferencesCanLeaveNodesUneven() {
        TaskSpec base = Fixtures.spec("nginx");
        TaskSpec spread = new TaskSpec(base.containerSpec(), null, null,
                new Placement(List.of(), List.of(PlacementPreference.spread("node.labels.zone")), null), null);
        Service s = optedIn("web", 6, spread);
        Fixtures.seed(store, node("a", Map.of("zone", "x")), node("b", Map.of("zone", "y")), node("c", Map.of("zone", "y")), s,
                running(s, "a", "a", "a", "b", "b", "c"));
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.BALANCED, p.verdict(), p.explanation());
        assertTrue(p.explanation().startsWith("as balanced as placement allows (the scheduler would place a task of a (3) on a (3))"), p.explanation());
    }

    @Test
    void updateParallelismAllowsThatManyMovesInFlight() {
        Service s = withParallelism(optedIn("web", 6), 2);
        Fixtures.seed(store, node("a"), node("b"), node("c"), node("d"), s, running(s, "a", "a", "a", "b", "b", "b"));
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.MOVING, p.verdict(), p.explanation());
        assertEquals(2, p.moves().size(), p.explanation());
        assertEquals(List.of("a->c", "b->d"), p.moves().stream().map(m -> m.fromNode() + "->" + m.toNode()).toList(),
                "the second move sees the first one's replacement on c");
        assertEquals(2, p.actions().size());
    }

    @Test
    void withParallelismTwoAndOneMoveInFlightOneMoreStarts() {
        Service s = withParallelism(optedIn("web", 6), 2);
        List<Task> ts = running(s, "a", "a", "a", "b", "b", "b");
        ts.add(task("new3", s, 3, "c", TaskState.STARTING, TaskState.RUNNING, T0.plusSeconds(1)));
        Fixtures.seed(store, node("a"), node("b"), node("c"), node("d"), s, ts);
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.MOVING, p.verdict(), p.explanation());
        assertEquals(1, p.moves().size());
        assertEquals("b", p.moves().get(0).fromNode(), "slot 3 already leaves a");
        assertEquals("d", p.moves().get(0).toNode());
    }

    @Test
    void parallelismZeroMovesAllAtOnceStillStartFirst() {
        Service s = withParallelism(optedIn("web", 6), 0);
        Fixtures.seed(store, node("a"), node("b"), node("c"), s, running(s, "a", "a", "a", "a", "a", "a"));
        RebalancePlan p = plan("web");
        assertEquals(RebalancePlan.Verdict.MOVING, p.verdict(), p.explanation());
        assertEquals(4, p.moves().size(), p.explanation());
        Map<String, Long> to = new java.util.TreeMap<>();
        for (RebalancePlan.Move m : p.moves()) to.merge(m.toNode(), 1L, Long::sum);
        assertEquals(Map.of("b", 2L, "c", 2L), to);
        assertTrue(p.actions().stream().allMatch(a -> a instanceof StoreAction.Create), "no old task is stopped before its replacement runs");
    }

    private static Service withParallelism(Service s, long n) {
        return new Service(s.id(), s.version(), s.createdAt(), s.updatedAt(), s.spec().withUpdateConfig(UpdateConfig.parallelism(n)), null);
    }
}
