package dev.shoal.raft;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis client behind {@link RaftProposer}: replaced by a fresh one when this manager learns of a new leader,
 * and when Ratis has closed its ordered stream for good.
 *
 * <p>A new leader ({@link #follow}): Ratis' client sends to the leader it last knew and, when that fails, to
 * peers picked at random, 100 ms apart, until one names the leader. After the leader died that costs several
 * hops (the dead leader, a follower that knows no leader yet, a leader not ready yet) on the failover's critical
 * path. The server side of this manager learns the new leader first, so new proposals go to a client that
 * starts there. The replaced client keeps its requests in flight and is closed once they have had their time.
 *
 * <p>A closed stream ({@link #renewAfter}): in Ratis 3.2 the ordered async stream of a client is closed for
 * good as soon as one request exhausts its retries ({@code RaftRetryFailureException}); every later request on
 * it fails at once with {@code AlreadyClosedException}. A manager cut off from the quorum for longer than a
 * proposal may wait would otherwise never propose again, even after the partition heals.
 *
 * <p>Proposals are logged in call order while the client stays the same; across a replacement, one still
 * retrying on the old client may land after a later one. Thread-safe.
 */
final class RenewableClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RenewableClient.class);

    /** Makes a client whose first requests go to the given peer id (null: this manager). */
    private final Function<String, RaftClient> factory;
    private final Duration retireAfter;
    private final AtomicReference<RaftClient> current;
    private final Set<RaftClient> retired = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService retirements = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shoal-raft-client-retire");
        t.setDaemon(true);
        return t;
    });
    private volatile String leaderHint;
    private volatile boolean closed;

    /**
     * @param factory     makes a client whose first requests go to the given peer id (null: this manager)
     * @param retireAfter how long a replaced client keeps running for the requests it still has in flight
     */
    RenewableClient(Function<String, RaftClient> factory, Duration retireAfter) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.retireAfter = Objects.requireNonNull(retireAfter, "retireAfter");
        this.current = new AtomicReference<>(factory.apply(null));
    }

    /** The client to send the next request with. */
    RaftClient get() {
        return current.get();
    }

    /**
     * Sends new proposals to {@code leaderId} from now on (a fresh client that starts there), unless it is null
     * or already the leader followed. The replaced client is closed after {@code retireAfter}.
     */
    void follow(String leaderId) {
        if (closed || leaderId == null || leaderId.equals(leaderHint)) return;
        leaderHint = leaderId;
        RaftClient fresh = factory.apply(leaderId);
        RaftClient old = current.getAndSet(fresh);
        log.debug("proposals now start at leader {} (client {})", leaderId, fresh.getId());
        retire(old);
        if (closed) closeInBackground(fresh); // close() ran meanwhile and may have closed only the old one
    }

    /**
     * Replaces {@code failed} with a new client if {@code error} means its ordered stream is closed for good
     * and {@code failed} is still the current client; otherwise does nothing.
     */
    void renewAfter(RaftClient failed, Throwable error) {
        Throwable cause = streamClosingCause(error);
        if (closed || cause == null) return;
        RaftClient fresh = factory.apply(leaderHint);
        if (!current.compareAndSet(failed, fresh)) {
            closeInBackground(fresh);
            return;
        }
        log.info("Raft client {} gave up on a proposal ({}); proposing through a new client {}", failed.getId(),
                cause.getClass().getSimpleName(), fresh.getId());
        closeInBackground(failed);
        if (closed) closeInBackground(fresh); // close() ran meanwhile and may have closed only the old one
    }

    private void retire(RaftClient old) {
        retired.add(old);
        try {
            retirements.schedule(() -> {
                if (retired.remove(old)) closeQuietly(old);
            }, retireAfter.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            if (retired.remove(old)) closeInBackground(old);
        }
    }

    /** The exception in {@code error}'s causes after which the client's ordered stream refuses every request, or null. */
    static Throwable streamClosingCause(Throwable error) {
        for (Throwable c = error; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RaftRetryFailureException || c instanceof AlreadyClosedException) return c;
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        retirements.shutdownNow();
        closeQuietly(current.get());
        for (RaftClient c : retired) {
            if (retired.remove(c)) closeQuietly(c);
        }
    }

    private static void closeQuietly(RaftClient c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("error while closing Raft client {}", c.getId(), e);
        }
    }

    private static void closeInBackground(RaftClient client) {
        Thread t = new Thread(() -> {
            try {
                client.close();
            } catch (Exception e) {
                log.debug("error while closing replaced Raft client {}: {}", client.getId(), e.toString());
            }
        }, "shoal-raft-client-close");
        t.setDaemon(true);
        t.start();
    }
}
