package dev.shoal.executor.docker;

import dev.shoal.executor.EngineException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * Coalesces image pulls on one engine: tasks that need the same image at once share one pull, and an
 * image made available within the last {@code freshFor} is not pulled again. Starting 40 replicas then
 * costs one pull instead of 40, which matters when the engine's CPU is the bottleneck. Thread-safe.
 */
final class ImagePulls {
    /** One way of making an image available; throws with the engine's message when it cannot. */
    @FunctionalInterface
    interface Puller {
        void ensure(String image) throws EngineException;
    }

    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Long> availableAt = new ConcurrentHashMap<>();
    private final long freshForNanos;
    private final LongSupplier nanoClock;

    ImagePulls(Duration freshFor, LongSupplier nanoClock) {
        this.freshForNanos = freshFor.toNanos();
        this.nanoClock = nanoClock;
    }

    void ensure(String image, Puller puller) throws EngineException {
        Long at = availableAt.get(image);
        if (at != null && nanoClock.getAsLong() - at < freshForNanos) return;
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.putIfAbsent(image, mine);
        if (running != null) {
            await(running);
            return;
        }
        try {
            puller.ensure(image);
            availableAt.put(image, nanoClock.getAsLong());
            mine.complete(null);
        } catch (EngineException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(image, mine);
        }
    }

    private static void await(CompletableFuture<Void> f) throws EngineException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for an image pull", false, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EngineException ee) throw ee;
            throw new EngineException(String.valueOf(e.getCause().getMessage()), false, e.getCause());
        }
    }
}
