package dev.shoal.manager.dispatcher;

import dev.shoal.model.TaskStatus;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects task status reports from all agents and writes them as one proposal per flush, keeping only
 * the newest report per task. While one proposal is in flight, new reports accumulate for the next, so
 * the batch size adapts to the commit latency; a flush takes at most {@link #MAX_BATCH} reports, so a
 * proposal stays well inside the log's entry size limit even when every agent resends its whole task set
 * (as agents do at each new session, e.g. after a leader change). A flush the cluster could not commit
 * because it was unavailable is queued again, unless a newer report for the same task arrived meanwhile,
 * so no report is lost while this manager leads. An agent may only report on tasks assigned to its own
 * node: the flusher checks that in one store view per batch and drops the others, so the network
 * threads that hand reports in never touch the store. Thread-safe; one flusher thread.
 */
final class StatusBatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusBatcher.class);

    /** Most reports in one proposal: about 2 MB of log entry (the limit is 16 MB). */
    static final int MAX_BATCH = 8_000;

    private final Store store;
    private final Map<String, Report> pending = new LinkedHashMap<>();

    /** One report: from which node, about which task's status. */
    private record Report(String nodeId, TaskStatus status) {}
    private final Thread flusher;
    private volatile boolean closed;

    StatusBatcher(Store store) {
        this.store = store;
        this.flusher = new Thread(this::run, "dispatcher-status-batcher");
        this.flusher.setDaemon(true);
    }

    void start() { flusher.start(); }

    /** Queues {@code nodeId}'s report on task {@code taskId}; an older state than one already queued is ignored. */
    void add(String nodeId, String taskId, TaskStatus status) {
        synchronized (pending) {
            Report prev = pending.get(taskId);
            if (prev == null || !prev.status().state().isAfter(status.state())) pending.put(taskId, new Report(nodeId, status));
            pending.notifyAll();
        }
    }

    private void run() {
        while (!closed) {
            Map<String, Report> taken;
            synchronized (pending) {
                while (pending.isEmpty() && !closed) {
                    try {
                        pending.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                taken = new LinkedHashMap<>();
                var it = pending.entrySet().iterator();
                while (it.hasNext() && taken.size() < MAX_BATCH) {
                    Map.Entry<String, Report> e = it.next();
                    taken.put(e.getKey(), e.getValue());
                    it.remove();
                }
            }
            List<StoreAction> batch = owned(taken);
            if (batch.isEmpty()) continue;
            try {
                store.commitEach(Proposal.each(batch));
            } catch (StoreException e) {
                if (closed) return;
                if (e.code() != dev.shoal.store.StoreError.Code.UNAVAILABLE) {
                    log.warn("could not record {} task status reports: {}", batch.size(), e.getMessage());
                    continue;
                }
                log.warn("could not record {} task status reports (will retry): {}", batch.size(), e.getMessage());
                requeue(taken);
            }
        }
    }

    /** The status writes of the reports whose task is assigned to the reporting node. */
    private List<StoreAction> owned(Map<String, Report> reports) {
        return store.view(tx -> {
            List<StoreAction> out = new ArrayList<>(reports.size());
            for (Map.Entry<String, Report> e : reports.entrySet()) {
                var t = tx.task(e.getKey());
                if (t != null && e.getValue().nodeId().equals(t.nodeId())) {
                    out.add(new StoreAction.UpdateTaskStatus(e.getKey(), e.getValue().status()));
                }
            }
            return out;
        });
    }

    /** Puts back reports whose write failed, except where a newer one arrived meanwhile. */
    private void requeue(Map<String, Report> reports) {
        synchronized (pending) {
            for (Map.Entry<String, Report> e : reports.entrySet()) pending.putIfAbsent(e.getKey(), e.getValue());
        }
        try {
            Thread.sleep(100); // a short back-off so an unavailable cluster is not hammered
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (pending) {
            pending.notifyAll();
        }
        flusher.interrupt();
    }
}
