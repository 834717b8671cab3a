package dev.shoal.manager.orchestrator.update;

import dev.shoal.model.EndpointSpec;
import dev.shoal.model.Service;
import dev.shoal.model.UpdateConfig;
import dev.shoal.model.UpdateStatus;
import java.time.Duration;

/**
 * Decides, as SwarmKit's updater does, whether a task that ended on its own counts against the update
 * under way: it runs the service's current template, was created after the update (or rollback) started,
 * and failed before running or within the config's {@code Monitor} period of starting. The update's
 * failure action applies once the failures exceed {@code MaxFailureRatio} of the replicas (with the default
 * ratio 0, the first failure). Pure; stateless.
 */
final class FailureJudge {
    private FailureJudge() {}

    /** Whether {@code ended} counts as a failure of {@code svc}'s update in {@code status}, judged with {@code config}. */
    static boolean isFailure(TaskWatch.Ended ended, Service svc, UpdateStatus status, UpdateConfig config) {
        if (status == null || !status.state().inProgress()) return false;
        if (ended.task().createdAt().isBefore(status.startedAt())) return false;
        EndpointSpec endpoint = svc.spec().endpointSpec().ports().isEmpty() ? null : svc.spec().endpointSpec();
        if (!UpdatePlanner.current(ended.task(), svc, endpoint)) return false;
        if (ended.ranSince() == null) return true;
        return Duration.between(ended.ranSince(), ended.at()).compareTo(Duration.ofNanos(monitorOf(config))) <= 0;
    }

    /** Whether {@code failures} of a service with {@code replicas} slots exceed the config's tolerated ratio. */
    static boolean exceeded(int failures, long replicas, UpdateConfig config) {
        if (failures == 0) return false;
        double ratio = config == null ? 0 : config.maxFailureRatioOrDefault();
        return failures > ratio * Math.max(1, replicas);
    }

    static long monitorOf(UpdateConfig config) {
        return config == null ? UpdateConfig.DEFAULT_MONITOR_NANOS : config.monitorOrDefault();
    }

    static String actionOf(UpdateConfig config) {
        return config == null ? "pause" : config.failureActionOrDefault();
    }
}
