package dev.shoal.manager.orchestrator.jobs;

import dev.shoal.manager.orchestrator.Reconciliation;
import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.manager.orchestrator.Tasks;
import dev.shoal.manager.restart.RestartSupervisor;
import dev.shoal.model.ReplicatedJob;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.ReadTx;
import dev.shoal.store.StoreAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides, from one consistent view, what one replicated job needs. Each task of the current run
 * ({@link JobRun}) holds a slot; a slot is <em>completed</em> once one of its tasks COMPLETEs (that
 * task's desired state then becomes COMPLETE), <em>active</em> while it has a runnable task that has
 * not completed (a failed one is restarted in its slot through the {@link RestartSupervisor}: the
 * default condition for jobs is on-failure), <em>failed</em> when its last task failed and the
 * policy declined a restart, and empty (reused first) otherwise. New slots (lowest free numbers, tasks observed PENDING for the scheduler)
 * are opened while {@code active < MaxConcurrent} and {@code completed + active + failed <
 * TotalCompletions}, so at most MaxConcurrent tasks run at once and exactly TotalCompletions complete
 * unless some slot fails for good. Tasks of older runs are shut down. Idempotent; not thread-safe
 * (shares the supervisor).
 */
final class ReplicatedJobReconciler {
    private final RestartSupervisor supervisor;
    private final TaskFactory factory;

    ReplicatedJobReconciler(RestartSupervisor supervisor, TaskFactory factory) {
        this.supervisor = supervisor;
        this.factory = factory;
    }

    Reconciliation reconcile(ReadTx tx, Service svc, Instant now) {
        Reconciliation out = new Reconciliation();
        Map<Integer, List<Task>> bySlot = new TreeMap<>();
        for (Task t : tx.tasksOfService(svc.id())) {
            if (!JobRun.isCurrent(svc, t) || t.slot() <= 0) {
                if (Tasks.isRunnable(t)) out.actions().add(new StoreAction.Update(t.withDesiredState(TaskState.SHUTDOWN)));
            } else {
                bySlot.computeIfAbsent(t.slot(), k -> new ArrayList<>(2)).add(t);
            }
        }
        long completed = 0;
        long active = 0;
        long failed = 0;
        Map<Integer, SlotState> states = new TreeMap<>();
        for (Map.Entry<Integer, List<Task>> e : bySlot.entrySet()) {
            SlotState st = reconcileSlot(tx, svc, e.getValue(), now, out);
            states.put(e.getKey(), st);
            if (st == SlotState.COMPLETED) completed++;
            if (st == SlotState.ACTIVE) active++;
            if (st == SlotState.FAILED) failed++;
        }
        ReplicatedJob job = svc.spec().mode().replicatedJob();
        long open = Math.min(job.maxConcurrentOrDefault() - active, job.totalCompletionsOrDefault() - completed - active - failed);
        for (int slot = 1; open > 0; slot++) {
            SlotState st = states.get(slot);
            if (st != null && st != SlotState.EMPTY) continue;
            out.actions().add(new StoreAction.Create(factory.newTask(svc, slot, null, TaskState.RUNNING, now)));
            open--;
        }
        return out;
    }

    /** EMPTY: no runnable task and nothing that forbids a new one (the slot is reused). */
    private enum SlotState { COMPLETED, ACTIVE, FAILED, EMPTY }

    private SlotState reconcileSlot(ReadTx tx, Service svc, List<Task> tasks, Instant now, Reconciliation out) {
        Task keep = null;
        Task newest = null;
        Task done = null;
        for (Task t : tasks) {
            if (newest == null || newer(t, newest)) newest = t;
            if (Tasks.isRunnable(t) && (keep == null || newer(t, keep))) keep = t;
            if (JobRun.completed(t)) done = t;
        }
        for (Task t : tasks) {
            if (t == keep || !Tasks.isRunnable(t)) continue;
            out.actions().add(new StoreAction.Update(t.withDesiredState(JobRun.completed(t) ? TaskState.COMPLETE : TaskState.SHUTDOWN)));
        }
        if (done != null) {
            if (keep != null) out.actions().add(new StoreAction.Update(keep.withDesiredState(JobRun.completed(keep) ? TaskState.COMPLETE : TaskState.SHUTDOWN)));
            return SlotState.COMPLETED;
        }
        if (keep == null) return supervisor.holdsEmptySlot(svc, newest, tasks, tx) ? SlotState.FAILED : SlotState.EMPTY;
        if (!Tasks.needsRestart(keep, tx)) return SlotState.ACTIVE;
        RestartSupervisor.Decision d = supervisor.decide(svc, keep, tasks, keep.nodeId() == null ? null : tx.node(keep.nodeId()), now);
        out.restarts().add(d);
        return d.restarts() ? SlotState.ACTIVE : SlotState.FAILED;
    }

    private static boolean newer(Task a, Task b) {
        int c = a.createdAt().compareTo(b.createdAt());
        return c > 0 || (c == 0 && a.version().index() > b.version().index());
    }
}
