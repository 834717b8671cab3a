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
 * so no report is lost while this manager leads. Thread-safe; one flusher thread.
 */
final class StatusBatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusBatcher.class);

    /** Most reports in one proposal: about 2 MB of log entry (the limit is 16 MB). */
    static final int MAX_BATCH = 8_000;

    private final Store store;
    private final Map<String, TaskStatus> pending = new LinkedHashMap<>();
    private final Thread flusher;
    private volatile boolean closed;

    StatusBatcher(Store store) {
        this.store = store;
        this.flusher = new Thread(this::run, "dispatcher-status-batcher");
        this.flusher.setDaemon(true);
    }

    void start() { flusher.start(); }

    void add(String taskId, TaskStatus status) {
        synchronized (pending) {
            TaskStatus prev = pending.get(taskId);
            if (prev == null || !prev.state().isAfter(status.state())) pending.put(taskId, status);
            pending.notifyAll();
        }
    }

    private void run() {
        while (!closed) {
            List<StoreAction> batch;
            synchronized (pending) {
                while (pending.isEmpty() && !closed) {
                    try {
                        pending.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                batch = new ArrayList<>(Math.min(pending.size(), MAX_BATCH));
                var it = pending.entrySet().iterator();
                while (it.hasNext() && batch.size() < MAX_BATCH) {
                    Map.Entry<String, TaskStatus> e = it.next();
                    batch.add(new StoreAction.UpdateTaskStatus(e.getKey(), e.getValue()));
                    it.remove();
                }
            }
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
                requeue(batch);
            }
        }
    }

    /** Puts back reports whose write failed, except where a newer one arrived meanwhile. */
    private void requeue(List<StoreAction> batch) {
        synchronized (pending) {
            for (StoreAction a : batch) {
                StoreAction.UpdateTaskStatus u = (StoreAction.UpdateTaskStatus) a;
                pending.putIfAbsent(u.taskId(), u.status());
            }
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
