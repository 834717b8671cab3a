package dev.shoal.manager.orchestrator.update;

import dev.shoal.manager.loop.ControlLoop;
import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.model.EndpointSpec;
import dev.shoal.model.Ids;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.UpdateConfig;
import dev.shoal.model.UpdateState;
import dev.shoal.model.UpdateStatus;
import dev.shoal.store.Proposal;
import dev.shoal.store.ReadTx;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreEvent;
import dev.shoal.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls a replicated service's tasks to its new template after {@code service update} (or a stack
 * redeploy that changed it, or a rollback), a few slots at a time, as its {@link UpdatePlanner} decides,
 * and keeps the service's {@code UpdateStatus} as Swarm does: {@code updating} when the first stale slot
 * is replaced, {@code completed} once no slot is stale and the last new task has run for the monitoring
 * period; {@code rollback_started} … {@code rollback_completed} for a rollback. A task of the new
 * template that fails before running or within the monitoring period counts against the update
 * ({@link FailureJudge}); past the tolerated ratio the config's failure action applies: {@code pause}
 * stops the update ({@code paused}, or {@code rollback_paused}) until the next {@code service update},
 * {@code rollback} puts the previous spec back and rolls to it with the {@code RollbackConfig}, {@code
 * continue} goes on. Leader-only. A new leader looks at every service once, so it finishes the last
 * leader's updates (with a fresh failure count). Each slot's replacement is one atomic proposal through
 * the store it was given (fenced to the leader's term on a manager). Threading and errors as in
 * {@link ControlLoop}.
 */
public final class Updater extends ControlLoop {
    private static final Logger LOG = LoggerFactory.getLogger(Updater.class);
    private final UpdatePlanner planner;
    private final TaskWatch watch = new TaskWatch();
    private final Set<String> updating = new HashSet<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, Instant> lastBatch = new HashMap<>();
    private final Map<String, Set<String>> failures = new HashMap<>();

    public Updater(Store store, Clock clock, Ids ids) {
        super("updater", store, clock, DEFAULT_TICK);
        this.planner = new UpdatePlanner(new TaskFactory(ids));
    }

    @Override
    protected void resync(ReadTx tx) {
        updating.clear();
        dirty.clear();
        failures.clear();
        watch.clear();
        for (Service s : tx.services()) {
            updating.add(s.id());
            dirty.add(s.id());
        }
    }

    @Override
    protected void onEvent(StoreEvent e) {
        if (e instanceof StoreEvent.Updated u && u.object() instanceof Service s) {
            Service old = (Service) u.old();
            if (!Objects.equals(old.spec().taskTemplate(), s.spec().taskTemplate())
                    || !Objects.equals(old.spec().endpointSpec(), s.spec().endpointSpec())
                    || !Objects.equals(old.spec().updateConfig(), s.spec().updateConfig())
                    || !Objects.equals(old.spec().rollbackConfig(), s.spec().rollbackConfig())
                    || startedAgain(old.updateStatus(), s.updateStatus())) {
                updating.add(s.id());
                dirty.add(s.id());
                failures.remove(s.id()); // a new update (or rollback): its failures count from zero
            }
        } else if (e instanceof StoreEvent.Deleted d && d.object() instanceof Service s) {
            forget(s.id());
        } else if (e instanceof StoreEvent.Updated u && u.object() instanceof Task t && updating.contains(t.serviceId())) {
            watch.observe((Task) u.old(), t, clock.instant());
            dirty.add(t.serviceId());
        } else if (e instanceof StoreEvent.Created c && c.object() instanceof Task t && updating.contains(t.serviceId())) {
            dirty.add(t.serviceId());
        }
    }

    /** A user's update clears the status and a rollback starts one: either begins a new count. */
    private static boolean startedAgain(UpdateStatus before, UpdateStatus after) {
        return after == null ? before != null : after.state() == UpdateState.ROLLBACK_STARTED
                && (before == null || before.state() != UpdateState.ROLLBACK_STARTED || !Objects.equals(before.startedAt(), after.startedAt()));
    }

    @Override
    protected Instant nextDeadline() {
        return updating.isEmpty() ? null : clock.instant().plus(Duration.ofMillis(500)); // delays between batches, monitoring periods
    }

    /** One service's decision in a pass: what to write, and whether to keep following it. */
    private record Step(Service service, UpdatePlan plan, List<StoreAction> first, boolean follow, String log) {}

    @Override
    protected void act() {
        if (dirty.isEmpty() && updating.isEmpty()) return;
        Set<String> look = new LinkedHashSet<>(dirty);
        look.addAll(updating);
        dirty.clear();
        Instant now = clock.instant();
        List<Step> steps = new ArrayList<>();
        store.view(tx -> {
            for (String id : look) {
                Service s = tx.service(id);
                if (s != null) steps.add(step(tx, s, now));
            }
            return null;
        });
        for (Step step : steps) {
            String id = step.service().id();
            String name = step.service().spec().name();
            if (step.log() != null) LOG.info("service {}: {}", name, step.log());
            if (!step.first().isEmpty() && !commit(step.first(), id, name)) continue;
            if (!step.follow()) {
                forget(id);
                continue;
            }
            UpdatePlan p = step.plan();
            if (p == null || p.batches().isEmpty()) continue;
            if (p.stale() > 0) {
                lastBatch.put(id, now);
                LOG.info("service {}: updating {} of {} stale tasks", name, p.batches().size(), p.stale());
            }
            for (List<StoreAction> slot : p.batches()) {
                if (!commit(slot, id, name)) break;
            }
        }
    }

    /** Decides one service's step from one view: its status, the failures seen, the plan. */
    private Step step(ReadTx tx, Service s, Instant now) {
        UpdateStatus status = s.updateStatus();
        if (status != null && (status.state() == UpdateState.PAUSED || status.state() == UpdateState.ROLLBACK_PAUSED)) {
            return new Step(s, null, List.of(), false, null); // waits for the next service update
        }
        UpdateConfig config = UpdatePlanner.configOf(s);
        Set<String> failed = failures.computeIfAbsent(s.id(), k -> new HashSet<>());
        String lastFailed = null;
        for (TaskWatch.Ended ended : watch.takeEnded(s.id())) {
            if (FailureJudge.isFailure(ended, s, status, config) && failed.add(ended.task().id())) lastFailed = ended.task().id();
        }
        long replicas = s.spec().mode().replicated() == null ? 0 : s.spec().mode().replicated().replicas();
        if (lastFailed != null && FailureJudge.exceeded(failed.size(), replicas, config)) {
            Step action = failureAction(s, status, config, lastFailed, now);
            if (action != null) return action;
        }
        UpdatePlan plan = planner.plan(tx, s, now, lastBatch.get(s.id()));
        boolean inProgress = status != null && status.state().inProgress();
        if (plan.stale() > 0 && !inProgress) {
            UpdateStatus started = new UpdateStatus(UpdateState.UPDATING, now, null, "update in progress");
            failed.clear();
            return new Step(s, plan, List.of(new StoreAction.Update(s.withUpdateStatus(started))), true, null);
        }
        if (!plan.done() || !plan.batches().isEmpty()) return new Step(s, plan, List.of(), true, null);
        if (!inProgress) return new Step(s, plan, List.of(), false, null);
        if (plan.inFlight() > 0 || monitoring(tx, s, config, now)) return new Step(s, plan, List.of(), true, null);
        boolean rollback = status.state() == UpdateState.ROLLBACK_STARTED;
        UpdateStatus done = status.to(rollback ? UpdateState.ROLLBACK_COMPLETED : UpdateState.COMPLETED,
                rollback ? "rollback completed" : "update completed", now, true);
        return new Step(s, plan, List.of(new StoreAction.Update(s.withUpdateStatus(done))), false, rollback ? "rolled back" : "updated");
    }

    /** The step the config's failure action takes, or null to continue. */
    private Step failureAction(Service s, UpdateStatus status, UpdateConfig config, String failedTask, Instant now) {
        String action = FailureJudge.actionOf(config);
        boolean rollingBack = status.state() == UpdateState.ROLLBACK_STARTED;
        if (action.equals("continue")) return null;
        if (action.equals("rollback") && !rollingBack && s.previousSpec() != null) {
            UpdateStatus rb = new UpdateStatus(UpdateState.ROLLBACK_STARTED, now, null,
                    "update rolled back due to failure or early termination of task " + failedTask);
            return new Step(s, null, List.of(new StoreAction.Update(s.rolledBack(s.previousSpec(), rb))), true,
                    "task " + failedTask + " failed during the update: rolling back");
        }
        UpdateStatus paused = status.to(rollingBack ? UpdateState.ROLLBACK_PAUSED : UpdateState.PAUSED,
                (rollingBack ? "rollback" : "update") + " paused due to failure or early termination of task " + failedTask, now, false);
        return new Step(s, null, List.of(new StoreAction.Update(s.withUpdateStatus(paused))), false,
                "task " + failedTask + " failed during the " + (rollingBack ? "rollback" : "update") + ": paused");
    }

    /** Whether a task of the current template began RUNNING less than the monitoring period ago (as this leader saw). */
    private boolean monitoring(ReadTx tx, Service s, UpdateConfig config, Instant now) {
        EndpointSpec endpoint = s.spec().endpointSpec().ports().isEmpty() ? null : s.spec().endpointSpec();
        Instant until = null;
        for (Task t : tx.tasksOfService(s.id())) {
            if (t.state() != TaskState.RUNNING || !UpdatePlanner.current(t, s, endpoint)) continue;
            Instant since = watch.runningSince(s.id(), t.id());
            if (since == null) continue;
            Instant end = since.plusNanos(FailureJudge.monitorOf(config));
            if (until == null || end.isAfter(until)) until = end;
        }
        return until != null && now.isBefore(until);
    }

    private boolean commit(List<StoreAction> actions, String serviceId, String name) {
        try {
            store.commit(Proposal.atomic(actions));
            return true;
        } catch (StoreException e) {
            LOG.debug("update of service {} refused ({}); looking again", name, e.getMessage());
            dirty.add(serviceId);
            return false;
        }
    }

    private void forget(String serviceId) {
        updating.remove(serviceId);
        dirty.remove(serviceId);
        lastBatch.remove(serviceId);
        failures.remove(serviceId);
        watch.forget(serviceId);
    }
}
