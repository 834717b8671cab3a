package dev.shoal.manager.orchestrator;

import dev.shoal.manager.loop.ControlLoop;
import dev.shoal.manager.restart.RestartSupervisor;
import dev.shoal.model.Node;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop shared by the orchestrators of the global and job modes: it tracks the services of the modes
 * it {@link #owns}, collects the ones that need a look, asks {@link #reconcile} what each needs, and
 * commits the result — restarts as atomic pairs (one entry for all of them, or one each when that is
 * refused), everything else in batched non-atomic entries. Leader-only.
 *
 * <p>A service needs a look when it is created or updated, when one of its tasks changes desired state,
 * ends, or is deleted while runnable, and — for every owned service — when any node is created, updated
 * or removed (these modes place tasks per node, or must replace tasks of a lost node). Delayed restarts
 * (desired READY) are promoted to desired RUNNING when their {@link RestartSupervisor} timer is due.
 * A refused write makes its service dirty again, so the next pass retries from a fresh read. Deleted
 * services are not handled here: the replicated orchestrator sets every task of a deleted service
 * (whatever its mode) to desired REMOVE. Threading and errors as in {@link ControlLoop}.
 */
public abstract class ServiceOrchestrator extends ControlLoop {
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final RestartSupervisor supervisor;
    private final Set<String> owned = new HashSet<>();
    private final Set<String> dirty = new LinkedHashSet<>();

    protected ServiceOrchestrator(String name, Store store, Clock clock, Duration tick, RestartSupervisor supervisor) {
        super(name, store, clock, tick);
        this.supervisor = supervisor;
    }

    /** Whether services of {@code mode} belong to this orchestrator. */
    protected abstract boolean owns(ServiceMode mode);

    /** What {@code service} (owned, present in {@code tx}) needs now. Must be idempotent: applied to its own result it decides nothing. */
    protected abstract Reconciliation reconcile(ReadTx tx, Service service, Instant now);

    /** The supervisor this orchestrator restarts tasks with (read it only from tests, after the loop stopped). */
    public final RestartSupervisor supervisor() { return supervisor; }

    @Override
    protected final void resync(ReadTx tx) {
        owned.clear();
        dirty.clear();
        for (Service s : tx.services()) {
            if (owns(s.spec().mode())) {
                owned.add(s.id());
                dirty.add(s.id());
            }
        }
        supervisor.rearm(tx, clock.instant());
    }

    @Override
    protected final void onEvent(StoreEvent e) {
        StoreObject o = e.after() != null ? e.after() : e.before();
        if (o instanceof Service s) {
            if (!(e instanceof StoreEvent.Deleted) && owns(s.spec().mode())) {
                owned.add(s.id());
                dirty.add(s.id());
            } else {
                owned.remove(s.id());
                dirty.remove(s.id());
                if (e instanceof StoreEvent.Deleted) supervisor.forgetService(s.id());
            }
        } else if (o instanceof Task t) {
            if (!owned.contains(t.serviceId())) return;
            if (e instanceof StoreEvent.Updated u) {
                Task old = (Task) u.old();
                boolean justEnded = Tasks.isRunnable(t) && Tasks.hasEnded(t) && !Tasks.hasEnded(old);
                if (old.desiredState() != t.desiredState() || justEnded) dirty.add(t.serviceId());
            } else if (e instanceof StoreEvent.Deleted && Tasks.isRunnable(t)) {
                dirty.add(t.serviceId());
            }
        } else if (o instanceof Node) {
            dirty.addAll(owned);
        }
    }

    @Override
    protected final Instant nextDeadline() { return supervisor.nextDue(); }

    @Override
    protected final void act() {
        Instant now = clock.instant();
        List<String> due = supervisor.takeDue(now);
        if (dirty.isEmpty() && due.isEmpty()) return;
        List<String> services = new ArrayList<>(dirty);
        dirty.clear();
        List<RestartSupervisor.Decision> restarts = new ArrayList<>();
        List<StoreAction> actions = new ArrayList<>();
        store.view(tx -> {
            for (String id : due) {
                Task t = tx.task(id);
                if (t != null && t.desiredState() == TaskState.READY) actions.add(new StoreAction.Update(t.withDesiredState(TaskState.RUNNING)));
            }
            for (String id : services) {
                Service s = tx.service(id);
                if (s == null || !owns(s.spec().mode())) continue;
                Reconciliation r = reconcile(tx, s, now);
                restarts.addAll(r.restarts());
                actions.addAll(r.actions());
            }
            return null;
        });
        dirty.addAll(RestartCommits.commit(store, supervisor, restarts));
        for (Batches.Refused r : Batches.commitEach(store, actions)) {
            StoreAction a = r.action();
            Task t = a instanceof StoreAction.Update u ? (Task) u.object() : a instanceof StoreAction.Create c ? (Task) c.object() : null;
            if (t == null) continue;
            log.debug("write refused for task {}: {}", t.id(), r.rejection().error().message());
            if (t.desiredState() == TaskState.RUNNING && due.contains(t.id())) supervisor.arm(t.id(), now);
            dirty.add(t.serviceId());
        }
    }
}
