package dev.shoal.manager.orchestrator.global;

import dev.shoal.manager.orchestrator.Reconciliation;
import dev.shoal.manager.orchestrator.ServiceOrchestrator;
import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.manager.restart.RestartSupervisor;
import dev.shoal.model.Ids;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import dev.shoal.store.ReadTx;
import dev.shoal.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps one runnable task of every global service on every eligible node ({@link NodeEligibility}),
 * following nodes as they join, go DOWN and come back, are paused or drained, or change labels; restarts
 * ended tasks on their node per the restart policy. Leader-only.
 *
 * <p>Placement: a global task's node is decided here, so tasks are created with their {@code NodeID}
 * set and observed ASSIGNED, and never pass through the scheduler (which only takes tasks without a
 * node). Reservations and host ports are therefore not checked for global tasks (a task that cannot
 * run fails on its node and is restarted per the policy). What it writes and when: see
 * {@link NodeTaskReconciler} and {@link ServiceOrchestrator}.
 */
public final class GlobalOrchestrator extends ServiceOrchestrator {
    private final NodeTaskReconciler reconciler;

    public GlobalOrchestrator(Store store, Clock clock, Ids ids) { this(store, clock, ids, DEFAULT_TICK); }

    /** {@code tick}: longest sleep between passes (restart timers are checked at least this often). */
    public GlobalOrchestrator(Store store, Clock clock, Ids ids, Duration tick) {
        this(store, clock, tick, new TaskFactory(ids));
    }

    private GlobalOrchestrator(Store store, Clock clock, Duration tick, TaskFactory factory) {
        this(store, clock, tick, factory, new RestartSupervisor(factory));
    }

    private GlobalOrchestrator(Store store, Clock clock, Duration tick, TaskFactory factory, RestartSupervisor supervisor) {
        super("global-orchestrator", store, clock, tick, supervisor);
        this.reconciler = new NodeTaskReconciler(supervisor, factory);
    }

    @Override
    protected boolean owns(ServiceMode mode) { return mode.global() != null; }

    @Override
    protected Reconciliation reconcile(ReadTx tx, Service service, Instant now) { return reconciler.reconcile(tx, service, now); }
}
