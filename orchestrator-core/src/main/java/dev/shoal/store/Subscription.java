package dev.shoal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A watcher's queue of store events, filled by the store as it applies writes. One consumer thread
 * drains it; {@link #close()} detaches it from the store. Thread-safe.
 */
public final class Subscription implements AutoCloseable {
    private final LinkedBlockingQueue<StoreEvent> queue = new LinkedBlockingQueue<>();
    private final Runnable onClose;
    private volatile boolean closed;

    Subscription(Runnable onClose) { this.onClose = onClose; }

    void offer(List<StoreEvent> events) {
        if (!closed) queue.addAll(events);
    }

    /**
     * Waits up to {@code timeout} for at least one event, then drains everything queued (up to {@code max})
     * into a new list; an empty list means the wait timed out.
     */
    public List<StoreEvent> next(long timeout, TimeUnit unit, int max) throws InterruptedException {
        List<StoreEvent> out = new ArrayList<>();
        StoreEvent first = queue.poll(timeout, unit);
        if (first == null) return out;
        out.add(first);
        queue.drainTo(out, max - 1);
        return out;
    }

    public boolean isClosed() { return closed; }

    @Override
    public void close() {
        closed = true;
        onClose.run();
        queue.clear();
    }
}
