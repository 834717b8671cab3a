package dev.shoal.manager.orchestrator.replicated;

import dev.shoal.manager.loop.ControlLoop;
import dev.shoal.manager.orchestrator.Batches;
import dev.shoal.manager.orchestrator.RestartCommits;
import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.manager.orchestrator.Tasks;
import dev.shoal.manager.restart.RestartSupervisor;
import dev.shoal.model.Ids;
import dev.shoal.model.Node;
import dev.shoal.model.Service;
import dev.shoal.model.StoreObject;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.ReadTx;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every replicated service at its replica count: slots 1..N each hold one runnable task (desired
 * RUNNING, or READY while a restart waits out its delay). Leader-only.
 *
 * <p>What it writes: new tasks (observed PENDING, desired RUNNING) for missing slots, batched into few
 * log entries; restarts through its {@link RestartSupervisor} (old task desired SHUTDOWN + new task
 * desired READY, atomically, then desired RUNNING after the delay); desired SHUTDOWN for slots removed
 * by a scale-down (Swarm's order); desired REMOVE for every task of a deleted service. It never writes
 * observed state, and ignores global services (a sibling {@code global} orchestrator owns them).
 *
 * <p>It reacts to: service create/update/delete; task desired-state changes, tasks whose observed state
 * passes RUNNING, deleted runnable tasks; nodes becoming DOWN/drained or removed (their tasks are
 * restarted elsewhere). Updates are optimistic; a refused write (CONFLICT) is retried on the next pass
 * from a fresh read. Threading and errors as in {@link ControlLoop}.
 */
public final class ReplicatedOrchestrator extends ControlLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedOrchestrator.class);
    private final RestartSupervisor supervisor;
    private final ServiceReconciler reconciler;
    private final Set<String> dirtyServices = new LinkedHashSet<>();
    private final Set<String> dirtyNodes = new LinkedHashSet<>();

    public ReplicatedOrchestrator(Store store, Clock clock, Ids ids) { this(store, clock, ids, DEFAULT_TICK); }

    /** {@code tick}: longest sleep between passes (timers are checked at least this often). */
    public ReplicatedOrchestrator(Store store, Clock clock, Ids ids, Duration tick) {
        super("replicated-orchestrator", store, clock, tick);
        TaskFactory factory = new TaskFactory(ids);
        this.supervisor = new RestartSupervisor(factory);
        this.reconciler = new ServiceReconciler(supervisor, factory);
    }

    /** The supervisor this orchestrator restarts tasks with (read it only from tests, after the loop stopped). */
    public RestartSupervisor supervisor() { return supervisor; }

    @Override
    protected void resync(ReadTx tx) {
        dirtyServices.clear();
        dirtyNodes.clear();
        for (Service s : tx.services()) dirtyServices.add(s.id());
        for (Task t : tx.tasks()) {
            if (t.desiredState().compareTo(TaskState.REMOVE) < 0 && tx.service(t.serviceId()) == null) dirtyServices.add(t.serviceId());
        }
        supervisor.rearm(tx, clock.instant());
    }

    @Override
    protected void onEvent(StoreEvent e) {
        if (e instanceof StoreEvent.Created c) {
            if (c.object() instanceof Service s) dirtyServices.add(s.id());
        } else if (e instanceof StoreEvent.Updated u) {
            StoreObject o = u.object();
            if (o instanceof Service s) {
                dirtyServices.add(s.id());
            } else if (o instanceof Task t) {
                Task old = (Task) u.old();
                boolean justEnded = Tasks.isRunnable(t) && Tasks.hasEnded(t) && !Tasks.hasEnded(old);
                if (old.desiredState() != t.desiredState() || justEnded) dirtyServices.add(t.serviceId());
            } else if (o instanceof Node n) {
                if (Tasks.isInvalidNode((Node) u.old()) != Tasks.isInvalidNode(n)) dirtyNodes.add(n.id());
            }
        } else if (e instanceof StoreEvent.Deleted d) {
            StoreObject o = d.object();
            if (o instanceof Service s) {
                dirtyServices.add(s.id());
            } else if (o instanceof Task t) {
                if (Tasks.isRunnable(t)) dirtyServices.add(t.serviceId());
            } else if (o instanceof Node n) {
                dirtyNodes.add(n.id());
            }
        }
    }

    @Override
    protected Instant nextDeadline() { return supervisor.nextDue(); }

    @Override
    protected void act() {
        Instant now = clock.instant();
        List<String> due = supervisor.takeDue(now);
        if (dirtyServices.isEmpty() && dirtyNodes.isEmpty() && due.isEmpty()) return;
        Set<String> services = new LinkedHashSet<>(dirtyServices);
        dirtyServices.clear();
        List<String> nodes = new ArrayList<>(dirtyNodes);
        dirtyNodes.clear();

        List<RestartSupervisor.Decision> restarts = new ArrayList<>();
        List<StoreAction> actions = new ArrayList<>();
        List<String> more = new ArrayList<>();
        store.view(tx -> {
            for (String n : nodes) for (Task t : tx.tasksOfNode(n)) if (Tasks.isRunnable(t)) services.add(t.serviceId());
            for (String id : due) {
                Task t = tx.task(id);
                if (t != null && t.desiredState() == TaskState.READY) actions.add(new StoreAction.Update(t.withDesiredState(TaskState.RUNNING)));
            }
            for (String id : services) {
                Service s = tx.service(id);
                if (s == null) {
                    supervisor.forgetService(id);
                    for (Task t : tx.tasksOfService(id)) {
                        if (t.desiredState().compareTo(TaskState.REMOVE) < 0) actions.add(new StoreAction.Update(t.withDesiredState(TaskState.REMOVE)));
                    }
                } else if (s.spec().mode().replicated() != null) {
                    ServiceReconciler.Result r = reconciler.reconcile(tx, s, now);
                    restarts.addAll(r.restarts());
                    actions.addAll(r.actions());
                    if (r.more()) more.add(id);
                }
            }
            return null;
        });
        dirtyServices.addAll(RestartCommits.commit(store, supervisor, restarts));
        dirtyServices.addAll(more); // services with slots still to fill get another pass at once
        for (Batches.Refused r : Batches.commitEach(store, actions)) {
            StoreAction a = r.action();
            Task t = a instanceof StoreAction.Update u ? (Task) u.object() : a instanceof StoreAction.Create c ? (Task) c.object() : null;
            if (t == null) continue;
            LOG.debug("write refused for task {}: {}", t.id(), r.rejection().error().message());
            if (t.desiredState() == TaskState.RUNNING && due.contains(t.id())) supervisor.arm(t.id(), now);
            dirtyServices.add(t.serviceId());
        }
    }
}
