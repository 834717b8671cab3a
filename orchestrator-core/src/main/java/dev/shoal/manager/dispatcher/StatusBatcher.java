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
 * the batch size adapts to the commit latency. Thread-safe; one flusher thread.
 */
final class StatusBatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusBatcher.class);

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
                batch = new ArrayList<>(pending.size());
                for (Map.Entry<String, TaskStatus> e : pending.entrySet()) {
                    batch.add(new StoreAction.UpdateTaskStatus(e.getKey(), e.getValue()));
                }
                pending.clear();
            }
            if (batch.isEmpty()) continue;
            try {
                store.commitEach(Proposal.each(batch));
            } catch (StoreException e) {
                log.warn("could not record {} task status reports: {}", batch.size(), e.getMessage());
            }
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
