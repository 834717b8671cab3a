package dev.shoal.sim;

import dev.shoal.model.StoreObject;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.MemoryStore;
import dev.shoal.store.StoreEvent;
import dev.shoal.store.Subscription;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link Progress} kept up to date from one replica's store events instead of counted over every task at
 * each poll: at a million tasks a count every second took more than half of a follower's CPU samples,
 * CPU the managers then lacked. One daemon thread follows the events; {@link #now()} is cheap and
 * thread-safe.
 */
final class ProgressCounter implements AutoCloseable {
    private final Subscription events;
    private final Thread follower;
    private volatile Progress now;
    private int tasks;
    private int placed;
    private int running;

    ProgressCounter(MemoryStore store) {
        events = store.watch(tx -> {
            for (Task t : tx.tasks()) add(t, 1);
        });
        publish();
        follower = new Thread(this::follow, "sim-progress");
        follower.setDaemon(true);
        follower.start();
    }

    /** The counts as of the last event applied. */
    Progress now() { return now; }

    private void follow() {
        try {
            while (!events.isClosed()) {
                List<StoreEvent> batch = events.next(1, TimeUnit.SECONDS, 100_000);
                for (StoreEvent e : batch) {
                    add(e.before(), -1);
                    add(e.after(), 1);
                }
                if (!batch.isEmpty()) publish();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void add(StoreObject o, int sign) {
        if (!(o instanceof Task t)) return;
        tasks += sign;
        if (t.nodeId() != null) placed += sign;
        if (t.status() != null && t.state() == TaskState.RUNNING && t.desiredState() == TaskState.RUNNING) running += sign;
    }

    private void publish() { now = new Progress(tasks, placed, running); }

    @Override
    public void close() {
        events.close();
        follower.interrupt();
    }
}
