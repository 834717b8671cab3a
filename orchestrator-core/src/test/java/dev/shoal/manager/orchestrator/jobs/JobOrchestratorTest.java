package dev.shoal.manager.orchestrator.jobs;

import static dev.shoal.testutil.Fixtures.T0;
import static dev.shoal.testutil.Fixtures.node;
import static dev.shoal.testutil.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manager.controlapi.ControlApi;
import dev.shoal.manager.controlapi.ServiceListing;
import dev.shoal.manager.controlapi.ServiceStatus;
import dev.shoal.model.Ids;
import dev.shoal.model.RestartCondition;
import dev.shoal.model.RestartPolicy;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.model.Version;
import dev.shoal.store.Store;
import dev.shoal.testutil.Fixtures;
import dev.shoal.testutil.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Nomad-style: seed the store, run passes, report task states as agents would, assert on the tasks. */
class JobOrchestratorTest {
    private final Store store = Store.local();
    private final MutableClock clock = new MutableClock(T0.plusSeconds(60));
    private final JobOrchestrator orchestrator = new JobOrchestrator(store, clock, new Ids());

    private static Service job(String id, ServiceMode mode, TaskSpec spec) {
        return new Service(id, Version.NONE, T0, T0, new ServiceSpec(id + "-name", null, spec, mode, null), null);
    }

    private List<Task> tasks(String serviceId) { return store.view(tx -> List.copyOf(tx.tasksOfService(serviceId))); }

    private List<Task> active(String serviceId) {
        return tasks(serviceId).stream().filter(t -> !t.desiredState().isAfter(TaskState.RUNNING) && !t.state().isTerminal()).collect(Collectors.toList());
    }

    private long completed(String serviceId) { return tasks(serviceId).stream().filter(t -> t.state() == TaskState.COMPLETE).count(); }

    @Test
    void replicatedJobCompletesExactlyTotalWithAtMostMaxConcurrentRunning() {
        Fixtures.seed(store, job("batch", ServiceMode.newReplicatedJob(2L, 5L), spec("busybox")));
        orchestrator.runUntilQuiet();
        int rounds = 0;
        while (!active("batch").isEmpty()) {
            List<Task> running = active("batch");
            assertTrue(running.size() <= 2, "never more than MaxConcurrent: " + running.size());
            Fixtures.report(store, running.get(0).id(), TaskState.COMPLETE, clock.instant());
            orchestrator.runUntilQuiet();
            assertTrue(++rounds <= 5, "finishes in 5 completions");
        }
        assertEquals(5, completed("batch"));
        assertEquals(5, tasks("batch").size(), "no task beyond the five");
        assertEquals(List.of(1, 2, 3, 4, 5), tasks("batch").stream().map(Task::slot).sorted().collect(Collectors.toList()));
        assertTrue(tasks("batch").stream().allMatch(t -> t.desiredState() == TaskState.COMPLETE), "completed tasks are desired COMPLETE");
        assertFalse(orchestrator.runOnce());
    }

    @Test
    void startsMaxConcurrentAtOnce() {
        Fixtures.seed(store, job("batch", ServiceMode.newReplicatedJob(2L, 5L), spec("busybox")));
        orchestrator.runUntilQuiet();
        assertEquals(2, active("batch").size());
        assertTrue(active("batch").stream().allMatch(t -> t.nodeId() == null && t.state() == TaskState.PENDING), "left to the scheduler");
    }

    @Test
    void failedJobTaskIsRetriedInItsSlot() {
        TaskSpec s = spec("busybox", new RestartPolicy(null, Duration.ofSeconds(1).toNanos(), null, null));
        Fixtures.seed(store, job("once", ServiceMode.newReplicatedJob(null, null), s));
        orchestrator.runUntilQuiet();
        Task first = active("once").get(0);
        Fixtures.report(store, first.id(), TaskState.FAILED, clock.instant());
        orchestrator.runUntilQuiet();
        List<Task> retry = active("once");
        assertEquals(1, retry.size());
        assertNotEquals(first.id(), retry.get(0).id());
        assertEquals(first.slot(), retry.get(0).slot());
        assertEquals(TaskState.READY, retry.get(0).desiredState());
        clock.advance(Duration.ofSeconds(1));
        orchestrator.runUntilQuiet();
        assertEquals(TaskState.RUNNING, active("once").get(0).desiredState());
        Fixtures.report(store, retry.get(0).id(), TaskState.COMPLETE, clock.instant());
        orchestrator.runUntilQuiet();
        assertTrue(active("once").isEmpty());
        assertEquals(1, completed("once"));
    }

    @Test
    void completedTaskIsNotRestartedEvenWithConditionAny() {
        TaskSpec s = spec("busybox", new RestartPolicy(RestartCondition.ANY, 0L, null, null));
        Fixtures.seed(store, job("once", ServiceMode.newReplicatedJob(1L, 1L), s));
        orchestrator.runUntilQuiet();
        Fixtures.report(store, active("once").get(0).id(), TaskState.COMPLETE, clock.instant());
        orchestrator.runUntilQuiet();
        assertEquals(1, tasks("once").size());
    }

    @Test
    void slotThatExhaustsItsAttemptsIsNotReopened() {
        TaskSpec s = spec("busybox", new RestartPolicy(RestartCondition.ON_FAILURE, 0L, 1L, null));
        Fixtures.seed(store, job("flaky", ServiceMode.newReplicatedJob(1L, 2L), s));
        orchestrator.runUntilQuiet();
        Fixtures.report(store, active("flaky").get(0).id(), TaskState.FAILED, clock.instant());
        orchestrator.runUntilQuiet();
        Fixtures.report(store, active("flaky").get(0).id(), TaskState.FAILED, clock.instant());
        orchestrator.runUntilQuiet();
        // slot 1 failed for good; slot 2 runs
        List<Task> now = active("flaky");
        assertEquals(1, now.size());
        assertEquals(2, now.get(0).slot());
        Fixtures.report(store, now.get(0).id(), TaskState.COMPLETE, clock.instant());
        orchestrator.runUntilQuiet();
        assertTrue(active("flaky").isEmpty(), "one completion short, but no retry beyond the policy");
        assertEquals(3, tasks("flaky").size());
    }

    @Test
    void globalJobRunsOncePerNode() {
        Fixtures.seed(store, node("a"), node("b"), node("c"), job("sweep", ServiceMode.newGlobalJob(), spec("busybox")));
        orchestrator.runUntilQuiet();
        List<Task> first = active("sweep");
        assertEquals(List.of("a", "b", "c"), first.stream().map(Task::nodeId).sorted().collect(Collectors.toList()));
        assertTrue(first.stream().allMatch(t -> t.awaitsAdmission() && t.slot() == 0), "created on their nodes, for the scheduler to admit");
        Task onC = first.stream().filter(t -> t.nodeId().equals("c")).findFirst().orElseThrow();
        for (Task t : first) Fixtures.report(store, t.id(), t == onC ? TaskState.FAILED : TaskState.COMPLETE, clock.instant());
        orchestrator.runUntilQuiet();
        clock.advance(Duration.ofSeconds(5));
        orchestrator.runUntilQuiet();
        List<Task> retry = active("sweep");
        assertEquals(1, retry.size(), "only the failed node runs again");
        assertEquals("c", retry.get(0).nodeId());
        assertEquals(TaskState.RUNNING, retry.get(0).desiredState());
        Fixtures.report(store, retry.get(0).id(), TaskState.COMPLETE, clock.instant());
        orchestrator.runUntilQuiet();
        assertTrue(active("sweep").isEmpty());
        assertEquals(3, completed("sweep"));
        assertFalse(orchestrator.runOnce());
    }

    @Test
    void serviceStatusCountsCompletions() {
        Fixtures.seed(store, node("a"), node("b"), job("batch", ServiceMode.newReplicatedJob(2L, 3L), spec("busybox")),
                job("sweep", ServiceMode.newGlobalJob(), spec("busybox")));
        orchestrator.runUntilQuiet();
        Task b = active("batch").get(0);
        Fixtures.report(store, b.id(), TaskState.COMPLETE, clock.instant());
        Task s = active("sweep").get(0);
        Fixtures.report(store, s.id(), TaskState.COMPLETE, clock.instant());
        Task running = active("sweep").get(0);
        Fixtures.report(store, running.id(), TaskState.RUNNING, clock.instant());
        orchestrator.runUntilQuiet();
        ControlApi api = new ControlApi(store, clock);
        java.util.Map<String, ServiceStatus> st = api.listServices(true).stream()
                .collect(Collectors.toMap(l -> l.service().id(), ServiceListing::status));
        assertEquals(new ServiceStatus(0, 2, 1), st.get("batch"), "min(MaxConcurrent, Total - completed)");
        assertEquals(new ServiceStatus(1, 1, 1), st.get("sweep"), "completed tasks leave DesiredTasks");
    }
}
