package dev.shoal.manager.orchestrator.global;

import dev.shoal.manager.orchestrator.Reconciliation;
import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.manager.orchestrator.Tasks;
import dev.shoal.manager.orchestrator.jobs.JobRun;
import dev.shoal.manager.restart.RestartSupervisor;
import dev.shoal.model.Node;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.ReadTx;
import dev.shoal.store.StoreAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, from one consistent view, what a service that runs one task per node needs — a global
 * service, or a global job when the service's mode is a job. Per node, by {@link NodeEligibility}:
 * <ul>
 *   <li>an eligible ACTIVE node without a runnable task gets one (slot 0, the node's id, observed
 *       PENDING: the scheduler admits it there once the node has room for it, see
 *       {@link dev.shoal.model.Task#awaitsAdmission()}), unless the node's latest task ended and the
 *       restart policy declined to restart it;</li>
 *   <li>a task that ended is restarted on the same node through the {@link RestartSupervisor} (its
 *       replacement is created on that node too); on a paused node it is only shut down;</li>
 *   <li>runnable tasks on nodes that are DOWN, drained, removed or no longer match the constraints
 *       are shut down (desired SHUTDOWN); a node that comes back gets a fresh task; extra runnable
 *       tasks on one node are shut down;</li>
 *   <li>for a job, a node whose task COMPLETEd is done: the task's desired state becomes COMPLETE and
 *       nothing more runs there; tasks of an older run of the job (another task template) are shut
 *       down.</li>
 * </ul>
 * Idempotent: applied to its own result it decides nothing more. Not thread-safe (shares the
 * supervisor); used on its orchestrator's thread only.
 */
public final class NodeTaskReconciler {
    private final RestartSupervisor supervisor;
    private final TaskFactory factory;

    public NodeTaskReconciler(RestartSupervisor supervisor, TaskFactory factory) {
        this.supervisor = supervisor;
        this.factory = factory;
    }

    public Reconciliation reconcile(ReadTx tx, Service svc, Instant now) {
        boolean job = svc.spec().mode().isJob();
        NodeEligibility eligibility = NodeEligibility.of(svc);
        Reconciliation out = new Reconciliation();
        Map<String, List<Task>> byNode = new HashMap<>();
        for (Task t : tx.tasksOfService(svc.id())) {
            if (t.nodeId() == null || (job && !JobRun.isCurrent(svc, t))) {
                shutdownIfRunnable(t, out);
            } else {
                byNode.computeIfAbsent(t.nodeId(), k -> new ArrayList<>(2)).add(t);
            }
        }
        for (Node n : tx.nodes()) {
            List<Task> tasks = byNode.remove(n.id());
            reconcileNode(tx, svc, n, tasks == null ? List.of() : tasks, eligibility, job, now, out);
        }
        for (List<Task> gone : byNode.values()) for (Task t : gone) shutdownIfRunnable(t, out);
        return out;
    }

    private void reconcileNode(ReadTx tx, Service svc, Node node, List<Task> tasks, NodeEligibility eligibility, boolean job,
                               Instant now, Reconciliation out) {
        Task keep = null;
        Task newest = null;
        boolean completed = false;
        for (Task t : tasks) {
            if (newest == null || newer(t, newest)) newest = t;
            if (Tasks.isRunnable(t) && (keep == null || newer(t, keep))) keep = t;
            if (job && t.status() != null && t.state() == TaskState.COMPLETE) completed = true;
        }
        for (Task t : tasks) if (t != keep) shutdownIfRunnable(t, out);
        if (completed) {
            if (keep != null) {
                TaskState to = keep.status() != null && keep.state() == TaskState.COMPLETE ? TaskState.COMPLETE : TaskState.SHUTDOWN;
                out.actions().add(new StoreAction.Update(keep.withDesiredState(to)));
            }
            return;
        }
        if (!eligibility.mayKeep(node)) {
            if (keep != null) shutdownIfRunnable(keep, out);
            return;
        }
        if (keep != null) {
            if (!Tasks.hasEnded(keep)) return;
            if (!eligibility.mayStart(node)) {
                out.restarts().add(new RestartSupervisor.Decision(keep.withDesiredState(TaskState.SHUTDOWN), null, null));
                return;
            }
            RestartSupervisor.Decision d = supervisor.decide(svc, keep, tasks, node, now);
            out.restarts().add(d);
            return;
        }
        if (!eligibility.mayStart(node)) return;
        if (newest != null && supervisor.holdsEmptySlot(svc, newest, tasks, tx)) return;
        out.actions().add(new StoreAction.Create(factory.newTask(svc, 0, node.id(), TaskState.RUNNING, now)));
    }

    private static void shutdownIfRunnable(Task t, Reconciliation out) {
        if (Tasks.isRunnable(t)) out.actions().add(new StoreAction.Update(t.withDesiredState(TaskState.SHUTDOWN)));
    }

    private static boolean newer(Task a, Task b) {
        int c = a.createdAt().compareTo(b.createdAt());
        return c > 0 || (c == 0 && a.version().index() > b.version().index());
    }
}
