package dev.shoal.manager.orchestrator.jobs;

import dev.shoal.manager.orchestrator.Reconciliation;
import dev.shoal.manager.orchestrator.ServiceOrchestrator;
import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.manager.orchestrator.global.NodeTaskReconciler;
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
 * Runs jobs to completion. Replicated jobs ({@link ReplicatedJobReconciler}): at most MaxConcurrent
 * tasks at once until TotalCompletions have COMPLETEd, their tasks placed by the scheduler. Global jobs
 * ({@link NodeTaskReconciler} in job mode): one task per eligible node, created on that node, run once.
 * Completed tasks are never restarted and get desired state COMPLETE (as Docker shows them); failed
 * ones are retried per the restart policy, whose default condition for jobs is on-failure. Leader-only;
 * what it writes and when: see {@link ServiceOrchestrator}.
 */
public final class JobOrchestrator extends ServiceOrchestrator {
    private final ReplicatedJobReconciler replicated;
    private final NodeTaskReconciler perNode;

    public JobOrchestrator(Store store, Clock clock, Ids ids) { this(store, clock, ids, DEFAULT_TICK); }

    /** {@code tick}: longest sleep between passes (restart timers are checked at least this often). */
    public JobOrchestrator(Store store, Clock clock, Ids ids, Duration tick) { this(store, clock, tick, new TaskFactory(ids)); }

    private JobOrchestrator(Store store, Clock clock, Duration tick, TaskFactory factory) {
        this(store, clock, tick, factory, new RestartSupervisor(factory));
    }

    private JobOrchestrator(Store store, Clock clock, Duration tick, TaskFactory factory, RestartSupervisor supervisor) {
        super("job-orchestrator", store, clock, tick, supervisor);
        this.replicated = new ReplicatedJobReconciler(supervisor, factory);
        this.perNode = new NodeTaskReconciler(supervisor, factory);
    }

    @Override
    protected boolean owns(ServiceMode mode) { return mode.isJob(); }

    @Override
    protected Reconciliation reconcile(ReadTx tx, Service service, Instant now) {
        return service.spec().mode().replicatedJob() != null ? replicated.reconcile(tx, service, now) : perNode.reconcile(tx, service, now);
    }
}
