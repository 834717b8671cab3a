package dev.shoal.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.ContainerSpec;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceAnnotations;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.UpdateState;
import dev.shoal.model.UpdateStatus;
import dev.shoal.model.Version;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a waiting swarmctl says a service has converged, and what it reports on the way. */
class ConvergenceTest {
    private static final TaskSpec V1 = new TaskSpec(new ContainerSpec("app:1", null, null, null, null, null, null, null, null), null, null, null, null);
    private static final TaskSpec V2 = new TaskSpec(new ContainerSpec("app:2", null, null, null, null, null, null, null, null), null, null, null, null);

    private static Service web(TaskSpec template, long replicas, UpdateStatus status) {
        return new Service("s1", new Version(3), Instant.EPOCH, Instant.EPOCH,
                new ServiceSpec("web", null, template, ServiceMode.replicated(replicas), null), null, status);
    }

    private static Task task(int slot, TaskSpec spec, TaskState state, TaskState desired) {
        return new Task("t" + slot + spec.containerSpec().image(), Version.NONE, Instant.EPOCH, Instant.EPOCH, spec, "s1",
                new ServiceAnnotations("web"), slot, "n1", TaskStatus.of(Instant.EPOCH, state, state.json()), desired, null);
    }

    @Test
    void convergedWhenEveryWantedTaskRunsTheCurrentTemplate() {
        Convergence c = Convergence.of(web(V2, 2, null), List.of(task(1, V2, TaskState.RUNNING, TaskState.RUNNING),
                task(2, V2, TaskState.RUNNING, TaskState.RUNNING), task(1, V1, TaskState.SHUTDOWN, TaskState.SHUTDOWN)));
        assertTrue(c.converged());
        assertEquals("overall progress: 2 out of 2 tasks", c.progressLine());
        assertNull(c.stopped());
    }

    @Test
    void notWhileAStaleTaskIsWantedATaskStartsOrTheUpdateRuns() {
        assertFalse(Convergence.of(web(V2, 2, null), List.of(task(1, V2, TaskState.RUNNING, TaskState.RUNNING),
                task(2, V1, TaskState.RUNNING, TaskState.RUNNING))).converged());
        Convergence starting = Convergence.of(web(V2, 2, null), List.of(task(1, V2, TaskState.RUNNING, TaskState.RUNNING),
                task(2, V2, TaskState.STARTING, TaskState.RUNNING)));
        assertFalse(starting.converged());
        assertEquals("overall progress: 1 out of 2 tasks", starting.progressLine());
        UpdateStatus updating = new UpdateStatus(UpdateState.UPDATING, Instant.EPOCH, null, "update in progress");
        assertFalse(Convergence.of(web(V2, 1, updating), List.of(task(1, V2, TaskState.RUNNING, TaskState.RUNNING))).converged());
    }

    @Test
    void aPausedUpdateStopsTheWaitWithItsMessageAndARollbackIsSeen() {
        UpdateStatus paused = new UpdateStatus(UpdateState.PAUSED, Instant.EPOCH, null, "update paused due to failure or early termination of task t9");
        assertEquals(paused.message(), Convergence.of(web(V2, 1, paused), List.of()).stopped());
        UpdateStatus rolledBack = new UpdateStatus(UpdateState.ROLLBACK_COMPLETED, Instant.EPOCH, Instant.EPOCH, "rollback completed");
        Convergence c = Convergence.of(web(V1, 1, rolledBack), List.of(task(1, V1, TaskState.RUNNING, TaskState.RUNNING)));
        assertTrue(c.converged());
        assertTrue(c.rolledBack());
    }
}
