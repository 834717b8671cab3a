package dev.shoal.manager.orchestrator.update;

import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the updater learns from task events about the services it follows, kept in the leader's memory
 * (a new leader starts empty, as SwarmKit's updater does): when each task began RUNNING, and which tasks
 * ended on their own — failed, rejected, exited — while still wanted. {@link FailureJudge} decides which
 * of those count against the update. Not thread-safe: the updater's loop thread only.
 */
final class TaskWatch {
    /** A task that ended while its desired state was still RUNNING; {@code ranSince} is null when it never ran (as far as this leader saw). */
    record Ended(Task task, Instant at, Instant ranSince) {}

    private final Map<String, Map<String, Instant>> runningSince = new HashMap<>();
    private final Map<String, List<Ended>> ended = new HashMap<>();

    /** Records what the change from {@code before} to {@code after} says about a task of a followed service. */
    void observe(Task before, Task after, Instant now) {
        if (before.state() != TaskState.RUNNING && after.state() == TaskState.RUNNING) {
            runningSince.computeIfAbsent(after.serviceId(), k -> new HashMap<>()).put(after.id(), now);
        } else if (!before.state().isTerminal() && after.state().isTerminal() && !after.desiredState().isAfter(TaskState.RUNNING)) {
            Map<String, Instant> since = runningSince.get(after.serviceId());
            Instant ran = since == null ? null : since.remove(after.id());
            ended.computeIfAbsent(after.serviceId(), k -> new ArrayList<>()).add(new Ended(after, now, ran));
        }
    }

    /** When the task began RUNNING, or null if this leader did not see it. */
    Instant runningSince(String serviceId, String taskId) {
        Map<String, Instant> since = runningSince.get(serviceId);
        return since == null ? null : since.get(taskId);
    }

    /** The tasks of the service that ended on their own since the last call. */
    List<Ended> takeEnded(String serviceId) {
        List<Ended> e = ended.remove(serviceId);
        return e == null ? List.of() : e;
    }

    /** Forgets the service (its update ended, or it is gone). */
    void forget(String serviceId) {
        runningSince.remove(serviceId);
        ended.remove(serviceId);
    }

    /** Forgets everything (a new view of the store). */
    void clear() {
        runningSince.clear();
        ended.clear();
    }
}
