package dev.shoal.manager.orchestrator.update;

import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.manager.orchestrator.Tasks;
import dev.shoal.model.EndpointSpec;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.UpdateConfig;
import dev.shoal.model.UpdateStatus;
import dev.shoal.store.ReadTx;
import dev.shoal.store.StoreAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Decides the next step of a replicated service's rolling update, as SwarmKit's updater does, from one
 * store view: a slot is <em>stale</em> when the task holding it runs another template (or endpoint) than
 * the service's; <em>in flight</em> when its newest task has the service's template and is not RUNNING
 * yet. While fewer than {@code UpdateConfig.Parallelism} slots (default 1; 0 = all) are in flight and the
 * update delay has passed since the last batch, the next stale slots (by slot number) are replaced: with
 * {@code Order} stop-first (Swarm's default) the old task is shut down and its replacement created in one
 * atomic write; with start-first only the replacement is created (the replicated reconciler's
 * start-first handover keeps the old task meanwhile) and the old task is shut down once the new one
 * RUNs. The update is done when no slot is stale and no start-first handover is under way (slots whose
 * only task is still starting do not keep it going). Slots whose task has ended are the
 * restart supervisor's (its replacements take the current template). During a rollback the service's
 * {@code RollbackConfig} governs instead of its {@code UpdateConfig}. Pure; not thread-safe (the
 * factory's id source is not shared across threads).
 */
public final class UpdatePlanner {
    private final TaskFactory factory;

    public UpdatePlanner(TaskFactory factory) { this.factory = factory; }

    /**
     * @param lastBatch when this service's previous batch started (null: never), for the update delay
     */
    public UpdatePlan plan(ReadTx tx, Service svc, Instant now, Instant lastBatch) {
        if (svc.spec().mode().replicated() == null) return new UpdatePlan(svc.id(), true, 0, 0, List.of());
        EndpointSpec endpoint = svc.spec().endpointSpec().ports().isEmpty() ? null : svc.spec().endpointSpec();
        Map<Integer, List<Task>> bySlot = new TreeMap<>();
        for (Task t : tx.tasksOfService(svc.id())) {
            if (t.slot() > 0 && Tasks.isRunnable(t)) bySlot.computeIfAbsent(t.slot(), k -> new ArrayList<>(2)).add(t);
        }
        int inFlight = 0;
        int handovers = 0;
        List<Task> stale = new ArrayList<>();
        List<List<StoreAction>> batches = new ArrayList<>();
        for (List<Task> tasks : bySlot.values()) {
            Task newest = null;
            for (Task t : tasks) if (newest == null || t.createdAt().isAfter(newest.createdAt())) newest = t;
            if (Tasks.needsRestart(newest, tx)) continue;
            if (current(newest, svc, endpoint)) {
                if (newest.state() != TaskState.RUNNING) {
                    inFlight++;
                    if (tasks.size() > 1) handovers++;
                } else if (tasks.size() > 1) {
                    // A start-first replacement runs: the tasks it replaces go now.
                    List<StoreAction> retire = new ArrayList<>();
                    for (Task t : tasks) if (t != newest) retire.add(new StoreAction.Update(t.withDesiredState(TaskState.SHUTDOWN)));
                    batches.add(retire);
                }
            } else {
                stale.add(newest);
            }
        }
        // Without stale slots or a handover under way there is no update to follow: tasks merely starting
        // (a new or scaled service) are the orchestrator's, and following them would re-plan the service
        // at every commit.
        if (stale.isEmpty()) return new UpdatePlan(svc.id(), batches.isEmpty() && handovers == 0, inFlight, 0, batches);
        UpdateConfig u = configOf(svc);
        long parallelism = u == null || u.parallelism() == null ? 1 : u.parallelism();
        long room = parallelism == 0 ? stale.size() : parallelism - inFlight;
        Duration delay = u == null || u.delay() == null ? Duration.ZERO : Duration.ofNanos(u.delay());
        if (room <= 0 || (lastBatch != null && now.isBefore(lastBatch.plus(delay)))) {
            return new UpdatePlan(svc.id(), false, inFlight, stale.size(), batches);
        }
        boolean startFirst = u != null && "start-first".equals(u.order());
        for (Task old : stale.subList(0, (int) Math.min(room, stale.size()))) {
            Task replacement = factory.newTask(svc, old.slot(), null, TaskState.RUNNING, now);
            if (startFirst) batches.add(List.of(new StoreAction.Create(replacement)));
            else batches.add(List.of(new StoreAction.Update(old.withDesiredState(TaskState.SHUTDOWN)), new StoreAction.Create(replacement)));
        }
        return new UpdatePlan(svc.id(), false, inFlight, stale.size(), batches);
    }

    /** The config the service's tasks roll with now: its RollbackConfig during a rollback, else its UpdateConfig (null: defaults). */
    static UpdateConfig configOf(Service svc) {
        UpdateStatus st = svc.updateStatus();
        return st != null && st.state().rollback() ? svc.spec().rollbackConfig() : svc.spec().updateConfig();
    }

        /** Whether {@code t} runs {@code svc}'s current template and endpoint. */
    static boolean current(Task t, Service svc, EndpointSpec endpoint) {
        return (t.spec() == svc.spec().taskTemplate() || Objects.equals(t.spec(), svc.spec().taskTemplate()))
                && Objects.equals(t.endpoint(), endpoint);
    }
}
