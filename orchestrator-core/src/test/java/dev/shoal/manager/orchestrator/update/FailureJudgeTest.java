package dev.shoal.manager.orchestrator.update;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manager.controlapi.Specs;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.UpdateConfig;
import dev.shoal.model.UpdateState;
import dev.shoal.model.UpdateStatus;
import dev.shoal.model.Version;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which ended tasks count against an update, and when the failure action applies. */
class FailureJudgeTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final ServiceSpec V2 = Specs.service("web", "nginx:2", 4);
    private static final Service WEB = new Service("svc", new Version(5), START, START, V2, Specs.service("web", "nginx:1", 4),
            new UpdateStatus(UpdateState.UPDATING, START, null, "update in progress"));
    private static final UpdateConfig MONITOR_10S = new UpdateConfig(null, null, null, 10_000_000_000L, null, null);

    private static TaskWatch.Ended ended(ServiceSpec template, Instant created, Instant ranSince, Instant endedAt) {
        Task t = Specs.task("t1", "svc", "web", 1, "n1", TaskState.FAILED, TaskState.RUNNING)
                .withSpec(template.taskTemplate()).withMeta(Version.NONE, created, endedAt)
                .withStatus(TaskStatus.of(endedAt, TaskState.FAILED, "exited"));
        return new TaskWatch.Ended(t, endedAt, ranSince);
    }

    @Test
    void aNewTaskThatNeverRanOrFailedWithinTheMonitorCounts() {
        assertTrue(FailureJudge.isFailure(ended(V2, START.plusSeconds(1), null, START.plusSeconds(3)), WEB, WEB.updateStatus(), MONITOR_10S));
        assertTrue(FailureJudge.isFailure(ended(V2, START.plusSeconds(1), START.plusSeconds(2), START.plusSeconds(12)), WEB,
                WEB.updateStatus(), MONITOR_10S));
    }

    @Test
    void aTaskThatRanPastTheMonitorOrPredatesTheUpdateOrRunsTheOldTemplateDoesNot() {
        assertFalse(FailureJudge.isFailure(ended(V2, START.plusSeconds(1), START.plusSeconds(2), START.plusSeconds(13)), WEB,
                WEB.updateStatus(), MONITOR_10S), "ran 11 s, monitor 10 s");
        assertFalse(FailureJudge.isFailure(ended(V2, START.minusSeconds(1), null, START.plusSeconds(3)), WEB, WEB.updateStatus(), MONITOR_10S));
        assertFalse(FailureJudge.isFailure(ended(Specs.service("web", "nginx:1", 4), START.plusSeconds(1), null, START.plusSeconds(3)), WEB,
                WEB.updateStatus(), MONITOR_10S));
        UpdateStatus completed = WEB.updateStatus().to(UpdateState.COMPLETED, "update completed", START.plusSeconds(20), true);
        assertFalse(FailureJudge.isFailure(ended(V2, START.plusSeconds(1), null, START.plusSeconds(3)), WEB, completed, MONITOR_10S),
                "no update under way");
    }

    @Test
    void theActionAppliesPastTheToleratedRatio() {
        assertTrue(FailureJudge.exceeded(1, 4, null), "default ratio 0: the first failure");
        UpdateConfig half = new UpdateConfig(null, null, null, null, 0.5, null);
        assertFalse(FailureJudge.exceeded(2, 4, half));
        assertTrue(FailureJudge.exceeded(3, 4, half));
        assertFalse(FailureJudge.exceeded(0, 4, null));
    }
}
