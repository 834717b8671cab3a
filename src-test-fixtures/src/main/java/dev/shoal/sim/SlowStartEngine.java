package dev.shoal.sim;

import dev.shoal.executor.ContainerConfig;
import dev.shoal.executor.ContainerEngine;
import dev.shoal.executor.ContainerState;
import dev.shoal.executor.EngineException;
import dev.shoal.executor.EngineInfo;
import dev.shoal.executor.ManagedContainer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An engine whose {@link #start} takes {@code delay} before the container runs, as a real engine's
 * blocking start call does (the agent's task thread waits). {@code FakeEngine#startDelay} instead
 * reports the container "created" meanwhile, which the agent reads as an exit. Thread-safe.
 */
final class SlowStartEngine implements ContainerEngine {
    private final ContainerEngine engine;
    private final long delayMillis;

    SlowStartEngine(ContainerEngine engine, Duration delay) {
        this.engine = engine;
        this.delayMillis = delay.toMillis();
    }

    @Override public EngineInfo info() throws EngineException { return engine.info(); }

    @Override public List<ManagedContainer> list(String nodeId) throws EngineException { return engine.list(nodeId); }

    @Override public void ensureImage(String image) throws EngineException { engine.ensureImage(image); }

    @Override public void ensureNetwork(dev.shoal.executor.LocalNetwork network) throws EngineException { engine.ensureNetwork(network); }

    @Override public void removeNetworkIfUnused(String name) { engine.removeNetworkIfUnused(name); }

    @Override public String create(ContainerConfig config) throws EngineException { return engine.create(config); }

    @Override
    public void start(String containerId) throws EngineException {
        try {
            Thread.sleep(delayMillis); // the engine's own start time, simulated
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while starting " + containerId);
        }
        engine.start(containerId);
    }

    @Override public ContainerState inspect(String containerId) throws EngineException { return engine.inspect(containerId); }

    @Override public CompletableFuture<Integer> awaitExit(String containerId) { return engine.awaitExit(containerId); }

    @Override public void stop(String containerId, Duration grace) throws EngineException { engine.stop(containerId, grace); }

    @Override public void remove(String containerId) throws EngineException { engine.remove(containerId); }

    @Override public void close() { engine.close(); }
}
