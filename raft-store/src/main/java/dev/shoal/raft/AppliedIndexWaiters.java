package dev.shoal.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Futures that complete once the local store has applied a given log index; lets a proposal that a
 * remote leader committed wait until this manager's replica shows it. Thread-safe.
 */
final class AppliedIndexWaiters {
    private final NavigableMap<Long, CompletableFuture<Long>> waiting = new TreeMap<>();
    private long applied;
    private RuntimeException closed;

    /** A future completed (with the applied index) once {@code index} has been applied here. */
    synchronized CompletableFuture<Long> await(long index) {
        if (applied >= index) return CompletableFuture.completedFuture(applied);
        if (closed != null) return CompletableFuture.failedFuture(closed);
        return waiting.computeIfAbsent(index, i -> new CompletableFuture<>());
    }

    /** Records that everything up to {@code index} is applied and releases the matching waiters. */
    void advance(long index) {
        List<CompletableFuture<Long>> done = new ArrayList<>();
        long now;
        synchronized (this) {
            if (index <= applied) return;
            applied = index;
            now = applied;
            Map<Long, CompletableFuture<Long>> ready = waiting.headMap(index, true);
            done.addAll(ready.values());
            ready.clear();
        }
        for (CompletableFuture<Long> f : done) f.complete(now);
    }

    /** Fails every current and future waiter that is not yet satisfied with {@code reason}. */
    void close(RuntimeException reason) {
        List<CompletableFuture<Long>> failed;
        synchronized (this) {
            closed = reason;
            failed = new ArrayList<>(waiting.values());
            waiting.clear();
        }
        for (CompletableFuture<Long> f : failed) f.completeExceptionally(reason);
    }
}
