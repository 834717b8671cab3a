package dev.shoal.manager.scheduler;

import dev.shoal.manager.loop.ControlLoop;
import dev.shoal.manager.orchestrator.Batches;
import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.model.Node;
import dev.shoal.model.Service;
import dev.shoal.model.StoreObject;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.store.ReadTx;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs the {@link Scheduler} after each batch of commits and proposes its plan. Leader-only.
 *
 * <p>Pending = {@link Task#awaitsScheduling()}: observed PENDING, desired RUNNING or READY, and either no
 * node yet or a node a global orchestrator created it on (to be admitted there, see {@link Scheduler}). For
 * each placed or admitted task it writes, in one non-atomic batch, a {@link StoreAction.AssignTask} (the node id and
 * observed status ASSIGNED, "scheduler assigned task to node"), which the store applies only while the
 * task still waits for a node. For each task it cannot place it writes status PENDING with message
 * "pending task scheduling" and {@code Err} = the reason, as an optimistic update, only when the reason
 * changed. It writes nothing else.
 *
 * <p>It keeps its {@link ClusterView} current from events rather than rescanning the store. Tasks new to
 * the pending set are tried at the next pass; all pending tasks are retried whenever capacity may have
 * changed (a node added, changed or removed; a service's ports changed; a task left a node), so a
 * pending task is never forgotten. Its view is fed only by committed events, never by its own plan, so a
 * refused assignment or update (the task changed meanwhile) is simply not seen; a refused task that is
 * still pending is tried again at the next pass, from its newer version.
 * Threading and errors as in {@link ControlLoop}.
 */
public final class SchedulerLoop extends ControlLoop {
    public static final String ASSIGNED_MESSAGE = "scheduler assigned task to node";
    private final Scheduler scheduler;
    private ClusterView view = new ClusterView();
    private final Map<String, Task> pending = new HashMap<>();
    private final Set<String> fresh = new LinkedHashSet<>();
    private boolean capacityChanged;

    public SchedulerLoop(Store store, Clock clock) { this(store, clock, new Scheduler(), DEFAULT_TICK); }

    public SchedulerLoop(Store store, Clock clock, Scheduler scheduler, Duration tick) {
        super("scheduler", store, clock, tick);
        this.scheduler = scheduler;
    }

    /** Whether the scheduler should try to place {@code t}. */
    public static boolean isPending(Task t) {
        return t.awaitsScheduling();
    }

    @Override
    protected void resync(ReadTx tx) {
        view = ClusterView.of(tx);
        pending.clear();
        fresh.clear();
        for (Task t : tx.tasks()) if (isPending(t)) pending.put(t.id(), t);
        capacityChanged = true;
    }

    @Override
    protected void onEvent(StoreEvent e) {
        StoreObject old = e.before();
        StoreObject now = e.after();
        StoreObject any = now != null ? now : old;
        if (any instanceof Task) {
            taskChanged((Task) old, (Task) now);
        } else if (any instanceof Node) {
            if (now == null) view.removeNode(old.id()); else view.putNode((Node) now);
            capacityChanged = true;
        } else if (any instanceof Service) {
            if (now == null) {
                view.removeService(old.id());
            } else {
                view.putService((Service) now);
                capacityChanged = true;
            }
        }
    }

    private void taskChanged(Task old, Task now) {
        view.taskChanged(old, now);
        if (old != null && ClusterView.counts(old) && (now == null || !ClusterView.counts(now))) capacityChanged = true;
        if (now != null && isPending(now)) {
            if (pending.put(now.id(), now) == null) fresh.add(now.id());
        } else {
            String id = old != null ? old.id() : now.id();
            pending.remove(id);
            fresh.remove(id);
        }
    }

    @Override
    protected void act() {
        if (pending.isEmpty()) {
            capacityChanged = false;
            return;
        }
        List<Task> batch = new ArrayList<>();
        if (capacityChanged) {
            batch.addAll(pending.values());
        } else {
            for (String id : fresh) batch.add(pending.get(id));
        }
        capacityChanged = false;
        fresh.clear();
        if (batch.isEmpty()) return;
        batch.sort(Comparator.comparing(Task::serviceId).thenComparingInt(Task::slot).thenComparing(Task::id));
        Plan plan = scheduler.schedule(view, batch);
        Instant at = clock.instant();
        List<StoreAction> actions = new ArrayList<>(batch.size());
        for (Task t : batch) {
            String node = plan.assignments().get(t.id());
            if (node != null) {
                actions.add(new StoreAction.AssignTask(t.id(), node, TaskStatus.of(at, TaskState.ASSIGNED, ASSIGNED_MESSAGE), plan.genericOf(t.id())));
                continue;
            }
            String reason = plan.unplaced().get(t.id());
            if (reason != null && !Objects.equals(reason, t.status().err())) {
                actions.add(new StoreAction.Update(t.withStatus(new TaskStatus(at, TaskState.PENDING, TaskFactory.PENDING_MESSAGE, reason, null))));
            }
        }
        for (Batches.Refused r : Batches.commitEach(store, actions)) {
            String id = r.action() instanceof StoreAction.AssignTask a ? a.taskId() : ((StoreAction.Update) r.action()).object().id();
            if (pending.containsKey(id)) fresh.add(id);
        }
    }
}
