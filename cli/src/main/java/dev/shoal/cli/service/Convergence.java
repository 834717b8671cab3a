package dev.shoal.cli.service;

import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.UpdateState;
import dev.shoal.model.UpdateStatus;
import java.util.List;
import java.util.Objects;

/**
 * How far a service is from what its spec asks, judged from one read of the service and its tasks, as
 * Docker's CLI judges it while it waits: the tasks the manager wants running, how many of them run the
 * current template, and whether an update (or rollback) is still under way or stopped. Jobs are not
 * followed (they are converged at once). Immutable; pure.
 *
 * @param running  tasks of the current template that run
 * @param desired  tasks the spec asks for (replicas; for a global service, the tasks the manager wants)
 * @param stopped  the message of a paused update or rollback, null when none
 * @param rolledBack whether the service's update was rolled back
 * @param converged whether every wanted task runs the current template and no update is under way
 */
record Convergence(long running, long desired, String stopped, boolean rolledBack, boolean converged) {
    static Convergence of(Service s, List<Task> tasks) {
        UpdateStatus st = s.updateStatus();
        String stopped = st != null && (st.state() == UpdateState.PAUSED || st.state() == UpdateState.ROLLBACK_PAUSED)
                ? (st.message() == null ? st.state().json() : st.message()) : null;
        boolean rolledBack = st != null && st.state().rollback();
        if (s.spec().mode().isJob()) return new Convergence(0, 0, stopped, rolledBack, true);
        long wanted = 0;
        long running = 0;
        boolean allCurrent = true;
        for (Task t : tasks) {
            if (t.desiredState().isAfter(TaskState.RUNNING)) continue;
            wanted++;
            boolean current = Objects.equals(t.spec(), s.spec().taskTemplate());
            if (!current) allCurrent = false;
            if (current && t.state() == TaskState.RUNNING) running++;
        }
        long desired = s.spec().mode().replicated() != null ? s.spec().mode().replicated().replicas() : wanted;
        boolean updating = st != null && st.state().inProgress();
        boolean converged = running == desired && wanted == desired && allCurrent && !updating;
        return new Convergence(running, desired, stopped, rolledBack, converged);
    }

    /** Docker's progress line. */
    String progressLine() { return "overall progress: " + running + " out of " + desired + " tasks"; }
}
