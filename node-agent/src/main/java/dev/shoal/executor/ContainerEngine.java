package dev.shoal.executor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The agent's view of a container engine: just what it needs to run tasks. The production
 * implementation drives the local Docker Engine through docker-java; tests and the simulator use a
 * fake. Implementations are thread-safe; every method may block on the engine and throws
 * {@link EngineException} with the engine's own message when the engine refuses.
 */
public interface ContainerEngine extends AutoCloseable {

    /** The engine's host: hostname, platform, capacity, version and daemon labels. */
    EngineInfo info() throws EngineException;

    /** Every container (running or not) labelled as belonging to node {@code nodeId}. */
    List<ManagedContainer> list(String nodeId) throws EngineException;

    /**
     * Makes {@code image} available locally: pulls it, and when the pull fails but the image exists
     * locally, succeeds (Swarm treats that as a warning). Throws when the image is neither pullable nor
     * present, with the engine's message.
     */
    void ensureImage(String image) throws EngineException;

    /**
     * Makes sure the local network exists on this engine (created as a bridge network labelled with the
     * swarm network's id when missing; an existing one of that name is used as it is).
     */
    void ensureNetwork(LocalNetwork network) throws EngineException;

    /**
     * Removes the local network of that name if it exists and no container uses it; a network still in
     * use (by this node's or another's containers) is left alone. Never throws for either case.
     */
    void removeNetworkIfUnused(String name);

    /** Creates (does not start) a container, attached to its networks; returns its id. */
    String create(ContainerConfig config) throws EngineException;

    void start(String containerId) throws EngineException;

    /** The container's current state; throws {@link EngineException} with {@code notFound()} when it is gone. */
    ContainerState inspect(String containerId) throws EngineException;

    /**
     * Completes with the container's exit code when it stops (at once if it already has); completes
     * exceptionally if the container disappears or the engine fails.
     */
    CompletableFuture<Integer> awaitExit(String containerId);

    /** Stops the container: its stop signal, then SIGKILL after {@code grace}. A stopped or missing container is fine. */
    void stop(String containerId, Duration grace) throws EngineException;

    /** Removes the container (forcibly, with its anonymous volumes). A missing container is fine. */
    void remove(String containerId) throws EngineException;

    @Override
    default void close() {}
}
