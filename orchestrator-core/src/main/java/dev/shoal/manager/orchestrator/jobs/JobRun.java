package dev.shoal.manager.orchestrator.jobs;

import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import java.util.Objects;

/**
 * Which tasks belong to a job's current run. A run is identified by the service's task template: an
 * update that changes it (a new image, {@code --force}, …) starts the job again from zero, and the
 * tasks of older runs neither count as completions nor keep running. (Docker keeps an explicit
 * {@code JobIteration} counter bumped by every update; Shoal derives the run from the template, so an
 * update that only changes the mode — {@code service scale} — continues the current run.) Stateless.
 */
public final class JobRun {
    private JobRun() {}

    /** Whether {@code t} was made from {@code job}'s current task template. */
    public static boolean isCurrent(Service job, Task t) {
        return t.spec() == job.spec().taskTemplate() || Objects.equals(t.spec(), job.spec().taskTemplate());
    }

    /** Whether {@code t} ran to completion (observed COMPLETE). */
    public static boolean completed(Task t) { return t.status() != null && t.state() == TaskState.COMPLETE; }
}
