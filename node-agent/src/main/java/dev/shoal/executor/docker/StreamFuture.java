package dev.shoal.executor.docker;

import com.github.dockerjava.api.async.ResultCallback;
import dev.shoal.executor.EngineException;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A docker-java streaming callback exposed as a {@link CompletableFuture}. Items go to {@code onItem}, which
 * may complete the future; the end of the stream goes to {@code onEnd}; stream errors complete it
 * exceptionally with an {@link EngineException} (quietly: docker-java's own template logs every error at
 * ERROR, which a failed pull on an offline host is not). Completing or cancelling the future closes the
 * stream. Thread-safe.
 */
final class StreamFuture<T, R> implements ResultCallback<T> {
    private final CompletableFuture<R> result = new CompletableFuture<>();
    private final BiConsumer<T, CompletableFuture<R>> onItem;
    private final Consumer<CompletableFuture<R>> onEnd;
    private volatile Closeable stream;

    StreamFuture(BiConsumer<T, CompletableFuture<R>> onItem, Consumer<CompletableFuture<R>> onEnd) {
        this.onItem = onItem;
        this.onEnd = onEnd;
        result.whenComplete((value, error) -> close());
    }

    CompletableFuture<R> future() {
        return result;
    }

    @Override
    public void onStart(Closeable stream) {
        this.stream = stream;
        if (result.isDone()) {
            close();
        }
    }

    @Override
    public void onNext(T item) {
        if (!result.isDone()) {
            onItem.accept(item, result);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(EngineErrors.translate(error));
    }

    @Override
    public void onComplete() {
        if (!result.isDone()) {
            onEnd.accept(result);
        }
    }

    @Override
    public void close() {
        Closeable s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                // the stream is going away either way
            }
        }
    }
}
