package dev.shoal.raft;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis client behind {@link RaftProposer}, replaced by a fresh one once it has failed for good.
 *
 * <p>Why: in Ratis 3.2 the ordered async stream of a client is closed for good as soon as one request
 * exhausts its retries ({@code RaftRetryFailureException}); every later request on it fails at once with
 * {@code AlreadyClosedException}. A manager cut off from the quorum for longer than a proposal may wait would
 * otherwise never propose again, even after the partition heals. {@link #renewAfter} swaps in a new client
 * (new client id, new stream) when it sees such a failure; the old one is closed in the background, since
 * closing waits for its gRPC channels.
 *
 * <p>Thread-safe. Concurrent failures of one client renew it once.
 */
final class RenewableClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RenewableClient.class);

    private final Supplier<RaftClient> factory;
    private final AtomicReference<RaftClient> current;
    private volatile boolean closed;

    RenewableClient(Supplier<RaftClient> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.current = new AtomicReference<>(factory.get());
    }

    /** The client to send the next request with. */
    RaftClient get() {
        return current.get();
    }

    /**
     * Replaces {@code failed} with a new client if {@code error} means its ordered stream is closed for good
     * and {@code failed} is still the current client; otherwise does nothing.
     */
    void renewAfter(RaftClient failed, Throwable error) {
        Throwable cause = streamClosingCause(error);
        if (closed || cause == null) return;
        RaftClient fresh = factory.get();
        if (!current.compareAndSet(failed, fresh)) {
            closeInBackground(fresh);
            return;
        }
        log.info("Raft client {} gave up on a proposal ({}); proposing through a new client {}", failed.getId(),
                cause.getClass().getSimpleName(), fresh.getId());
        closeInBackground(failed);
        if (closed) closeInBackground(fresh); // close() ran meanwhile and may have closed only the old one
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
        RaftClient c = current.get();
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
