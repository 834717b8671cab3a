package dev.shoal.manager.loop;

import dev.shoal.store.ReadTx;
import dev.shoal.store.Store;
import dev.shoal.store.StoreEvent;
import dev.shoal.store.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one shape every leader-only control loop shares. On its own thread it takes a view of the store
 * and starts watching in one step ({@link #resync}), folds each drained batch of events into the ids
 * that need work ({@link #onEvent}), then acts once ({@link #act}) — so a burst of commits costs one
 * pass. {@link #act} also runs at least every {@code tick} so subclasses can honour timers
 * ({@link #nextDeadline}).
 *
 * <p>Errors: an exception from {@link #act} or {@link #resync} is logged and never stops the loop; the
 * loop re-reads everything after {@link #RETRY_DELAY} and tries again. A {@link StoreEvent.Reset} means
 * the store was replaced, so the loop re-reads everything at once.
 *
 * <p>Threading: the hooks run only on the loop's thread, so subclasses need no locking for their own
 * state. {@link #start()} and {@link #close()} may be called from any thread; {@link #close()} stops
 * the loop promptly (it interrupts a blocked commit) and waits briefly for the thread to end. A loop is
 * started at most once; build a new one after a leadership change.
 */
public abstract class ControlLoop implements AutoCloseable {
    /** Upper bound on events drained into one batch. */
    public static final int MAX_BATCH = 100_000;
    /** How long the loop waits after a failed pass before re-reading everything. */
    public static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    /** Default longest sleep between passes when nothing happens. */
    public static final Duration DEFAULT_TICK = Duration.ofMillis(200);

    private final Logger log = LoggerFactory.getLogger(getClass());
    protected final Store store;
    protected final Clock clock;
    private final String name;
    private final long tickNanos;
    private final Object lifecycle = new Object();
    private Thread thread;
    private volatile boolean closed;
    private volatile Subscription subscription;
    private long retryAtNanos = -1;

    protected ControlLoop(String name, Store store, Clock clock, Duration tick) {
        this.name = name;
        this.store = store;
        this.clock = clock;
        this.tickNanos = tick.toNanos();
    }

    protected ControlLoop(String name, Store store, Clock clock) { this(name, store, clock, DEFAULT_TICK); }

    /** Starts the loop's thread. Throws IllegalStateException if it was started or closed before. */
    public final void start() {
        synchronized (lifecycle) {
            if (thread != null || closed) throw new IllegalStateException(name + " was already started");
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Stops the loop: no write is proposed after this returns (beyond one already in flight). Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            closed = true;
            t = thread;
        }
        Subscription s = subscription;
        if (s != null) s.close();
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public final boolean isClosed() { return closed; }

    /**
     * Forgets what the loop tracked and marks everything that may need work. Called under the store's
     * read lock when the loop starts watching, after a Reset and after a failed pass: keep it to reading.
     */
    protected abstract void resync(ReadTx tx);

    /** Folds one event (never a Commit or Reset) into the loop's work set. Must not touch the store. */
    protected abstract void onEvent(StoreEvent event);

    /** Does the work collected so far: read a view, decide, propose. Runs after each batch and each tick. */
    protected abstract void act();

    /** The earliest time (by the loop's clock) a timer of the subclass is due, or null. */
    protected Instant nextDeadline() { return null; }

    private void run() {
        try {
            while (!closed && subscription == null) {
                try {
                    Subscription s = store.watch(this::resync);
                    subscription = s;
                    if (closed) s.close();
                } catch (RuntimeException e) {
                    log.error("{}: initial read failed; retrying in {}", name, RETRY_DELAY, e);
                    Thread.sleep(RETRY_DELAY.toMillis());
                }
            }
            Subscription sub = subscription;
            boolean first = true;
            while (!closed) {
                long wait = first ? 0 : waitNanos();
                first = false;
                boolean reset = drain(sub, wait);
                if (closed) break;
                if (retryAtNanos >= 0) {
                    if (System.nanoTime() - retryAtNanos < 0) continue; // backing off after a failed pass
                    reset = true;
                }
                pass(reset);
            }
        } catch (InterruptedException e) {
            // closing
        } catch (RuntimeException | Error e) {
            if (!closed) log.error("{}: loop died", name, e);
        } finally {
            Subscription s = subscription;
            if (s != null) s.close();
        }
    }

    /**
     * Runs one pass on the caller's thread, for tests and simulations of a loop that was not started:
     * the first call reads everything, later calls fold the events queued since the previous call. An
     * exception from the pass propagates. Returns whether the pass proposed anything (the store's index
     * moved).
     */
    public final boolean runOnce() {
        synchronized (lifecycle) {
            if (thread != null || closed) throw new IllegalStateException(name + " is running or closed");
        }
        Subscription sub = subscription;
        if (sub == null) subscription = sub = store.watch(this::resync);
        long before = store.view(ReadTx::lastIndex);
        try {
            if (drain(sub, 0)) {
                store.view(tx -> {
                    resync(tx);
                    return null;
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        act();
        return store.view(ReadTx::lastIndex) != before;
    }

    /** Runs passes with {@link #runOnce()} until one proposes nothing; throws if that takes over 100 passes. */
    public final void runUntilQuiet() {
        for (int i = 0; i < 100; i++) if (!runOnce()) return;
        throw new IllegalStateException(name + " did not settle after 100 passes");
    }

    /** Waits up to {@code waitNanos} for events, folds every queued one; returns whether a Reset was seen. */
    private boolean drain(Subscription sub, long waitNanos) throws InterruptedException {
        boolean reset = false;
        List<StoreEvent> batch = sub.next(waitNanos, TimeUnit.NANOSECONDS, MAX_BATCH);
        while (!batch.isEmpty()) {
            for (StoreEvent e : batch) {
                if (e instanceof StoreEvent.Reset) {
                    reset = true;
                } else if (!(e instanceof StoreEvent.Commit)) {
                    onEvent(e);
                }
            }
            batch = sub.next(0, TimeUnit.NANOSECONDS, MAX_BATCH);
        }
        return reset;
    }

    private void pass(boolean reset) {
        try {
            if (reset) {
                retryAtNanos = -1;
                store.view(tx -> {
                    resync(tx);
                    return null;
                });
            }
            act();
        } catch (RuntimeException e) {
            if (closed) return;
            log.warn("{}: pass failed, re-reading everything in {}: {}", name, RETRY_DELAY, e.toString(), e);
            retryAtNanos = System.nanoTime() + RETRY_DELAY.toNanos();
        }
    }

    private long waitNanos() {
        long wait = tickNanos;
        if (retryAtNanos >= 0) wait = Math.min(wait, Math.max(0, retryAtNanos - System.nanoTime()));
        Instant deadline = nextDeadline();
        if (deadline != null) {
            long until = Duration.between(clock.instant(), deadline).toNanos();
            wait = Math.min(wait, Math.max(0, until));
        }
        return wait;
    }
}
