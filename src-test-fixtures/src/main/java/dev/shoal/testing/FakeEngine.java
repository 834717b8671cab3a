package dev.shoal.testing;

import dev.shoal.executor.ContainerConfig;
import dev.shoal.executor.LocalNetwork;
import dev.shoal.executor.ContainerEngine;
import dev.shoal.executor.ContainerState;
import dev.shoal.executor.EngineException;
import dev.shoal.executor.EngineInfo;
import dev.shoal.executor.Labels;
import dev.shoal.executor.ManagedContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * An in-memory {@link ContainerEngine} for tests and the simulator: containers are a few fields in a map,
 * nothing runs. It follows the Docker Engine where the agent can tell the difference: unknown images fail
 * with "No such image: …", names are unique, waiting on a never-started container completes at once with
 * 0, stopping an exited or missing container is fine, removing a running one kills it (exit 137).
 *
 * <p>Test knobs: {@link #startDelay} (a started container counts as running only after it, reported as
 * "created" meanwhile — evaluated lazily against the clock, no threads), {@link #kill} (make a container
 * exit with a code), {@link #addImages}/{@link #acceptAnyImage}/{@link #failImage} (which images exist or
 * fail, and with what message), {@link #setInfo} (the host it reports), {@link #ipAddress} (the address a
 * running container reports, 127.0.0.1 by default), {@link #containers()} (inspect everything). After {@link #close()} every call fails as if the daemon were down, and pending waits
 * complete exceptionally.
 *
 * <p>Thread-safe; each container is guarded by its own monitor. Allocation-light: one small object per
 * container plus a future only when someone waits on it; no threads, no timers.
 */
public final class FakeEngine implements ContainerEngine {
    private final java.util.Map<String, LocalNetwork> networks = new java.util.concurrent.ConcurrentHashMap<>();
    /** Exit code of a container stopped through {@link #stop} (it honoured SIGTERM). */
    public static final int STOP_EXIT_CODE = 143;
    /** Exit code of a running container removed by force (SIGKILL). */
    public static final int KILL_EXIT_CODE = 137;

    /** A snapshot of one container: its id, how it was created, and its state at the time of the call. */
    public record Container(String id, ContainerConfig config, ContainerState state) {
        /** The node id label the agent gave it, or null. */
        public String nodeId() {
            return config.labels().get(Labels.NODE_ID);
        }
    }

    private static final int CREATED = 0;
    private static final int STARTED = 1;
    private static final int EXITED = 2;

    private final LongSupplier clock;
    private final String idPrefix = String.format("%08x", ThreadLocalRandom.current().nextInt());
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Box> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByName = new ConcurrentHashMap<>();
    private final Set<String> images = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failingImages = new ConcurrentHashMap<>();
    private volatile EngineInfo info;
    private volatile long startDelayNanos;
    private volatile boolean anyImage;
    private volatile boolean closed;
    private volatile String ipAddress = "127.0.0.1";

    /** A fake host "fake-host" with 4 CPUs and 8 GiB, no images, no start delay, on {@link System#nanoTime}. */
    public FakeEngine() {
        this(info("fake-host", 4, 8L << 30));
    }

    /** A fake reporting {@code info}, on {@link System#nanoTime}. */
    public FakeEngine(EngineInfo info) {
        this(info, System::nanoTime);
    }

    /** A fake reporting {@code info} whose start delays run on {@code nanoClock} (the simulator's virtual time). */
    public FakeEngine(EngineInfo info, LongSupplier nanoClock) {
        this.info = info;
        this.clock = nanoClock;
    }

    /** Engine info for a linux/x86_64 host with {@code cpus} CPUs and {@code memoryBytes} of memory. */
    public static EngineInfo info(String hostname, int cpus, long memoryBytes) {
        return new EngineInfo(hostname, "linux", "x86_64", cpus * 1_000_000_000L, memoryBytes, "20.10.0-fake", Map.of());
    }

    /** Changes what {@link #info()} reports from now on. */
    public FakeEngine setInfo(EngineInfo info) {
        this.info = info;
        return this;
    }

    /** The address {@link #inspect} reports for running containers from now on ("" for none). */
    public FakeEngine ipAddress(String address) {
        this.ipAddress = address == null ? "" : address;
        return this;
    }

    /** Containers started from now on count as running only {@code delay} after {@link #start}. */
    public FakeEngine startDelay(Duration delay) {
        this.startDelayNanos = delay.toNanos();
        return this;
    }

    /** Makes {@code images} exist locally ({@code foo} means {@code foo:latest}). */
    public FakeEngine addImages(String... images) {
        for (String image : images) {
            this.images.add(normalize(image));
        }
        return this;
    }

    /** When true, every image exists (unless {@link #failImage failed}); the simulator's usual setting. */
    public FakeEngine acceptAnyImage(boolean any) {
        this.anyImage = any;
        return this;
    }

    /** Makes {@link #ensureImage} and {@link #create} of {@code image} fail with {@code message}. */
    public FakeEngine failImage(String image, String message) {
        failingImages.put(normalize(image), message);
        return this;
    }

    /**
     * Makes a started container exit with {@code exitCode} (as if its process ended or was killed) and
     * completes its waiters. Returns false when the container is unknown, never started or already exited.
     */
    public boolean kill(String containerId, int exitCode) {
        Box box = byId.get(containerId);
        return box != null && box.exit(exitCode);
    }

    /** Snapshots of every container. */
    public List<Container> containers() {
        long now = clock.getAsLong();
        List<Container> out = new ArrayList<>(byId.size());
        for (Box box : byId.values()) {
            out.add(new Container(box.id, box.config, box.state(now)));
        }
        return out;
    }

    /** A snapshot of one container, if it exists. */
    public Optional<Container> container(String containerId) {
        Box box = byId.get(containerId);
        return box == null ? Optional.empty() : Optional.of(new Container(box.id, box.config, box.state(clock.getAsLong())));
    }

    @Override
    public EngineInfo info() throws EngineException {
        checkOpen();
        return info;
    }

    @Override
    public List<ManagedContainer> list(String nodeId) throws EngineException {
        checkOpen();
        long now = clock.getAsLong();
        List<ManagedContainer> out = new ArrayList<>();
        for (Box box : byId.values()) {
            Map<String, String> labels = box.config.labels();
            if (nodeId.equals(labels.get(Labels.NODE_ID))) {
                ContainerState state = box.state(now);
                out.add(new ManagedContainer(box.id, box.name, labels.get(Labels.TASK_ID), labels.get(Labels.SERVICE_ID),
                        state.running(), state.exitCode()));
            }
        }
        return out;
    }

    @Override
    public void ensureImage(String image) throws EngineException {
        checkOpen();
        checkImage(image);
    }

    @Override
    public void ensureNetwork(LocalNetwork network) throws EngineException {
        checkOpen();
        networks.putIfAbsent(network.name(), network);
    }

    @Override
    public void removeNetworkIfUnused(String name) {
        boolean used = byId.values().stream().anyMatch(b -> b.config.extras().networks().stream()
                .anyMatch(n -> n.network().name().equals(name)));
        if (!used) networks.remove(name);
    }

    /** The local networks agents created on this engine, by name. */
    public java.util.Map<String, LocalNetwork> networks() { return java.util.Map.copyOf(networks); }

    @Override
    public String create(ContainerConfig config) throws EngineException {
        checkOpen();
        checkImage(config.image());
        for (var n : config.extras().networks()) {
            if (!networks.containsKey(n.network().name())) throw new EngineException("network " + n.network().name() + " not found");
        }
        long n = ids.incrementAndGet();
        String id = idPrefix + String.format("%056x", n);
        String name = config.name() == null || config.name().isBlank() ? "fake_" + n : config.name();
        String holder = idByName.putIfAbsent(name, id);
        if (holder != null) {
            throw new EngineException("Conflict. The container name \"/" + name + "\" is already in use by container \""
                    + holder + "\". You have to remove (or rename) that container to be able to reuse that name.");
        }
        byId.put(id, new Box(id, name, config));
        return id;
    }

    @Override
    public void start(String containerId) throws EngineException {
        checkOpen();
        box(containerId).start(clock.getAsLong() + startDelayNanos);
    }

    @Override
    public ContainerState inspect(String containerId) throws EngineException {
        checkOpen();
        ContainerState state = box(containerId).state(clock.getAsLong());
        return state.running()
                ? new ContainerState(state.status(), true, state.exitCode(), state.pid(), state.error(), ipAddress)
                : state;
    }

    @Override
    public CompletableFuture<Integer> awaitExit(String containerId) {
        if (closed) {
            return CompletableFuture.failedFuture(daemonDown());
        }
        Box box = byId.get(containerId);
        if (box == null) {
            return CompletableFuture.failedFuture(noSuchContainer(containerId));
        }
        return box.awaitExit();
    }

    @Override
    public void stop(String containerId, Duration grace) throws EngineException {
        checkOpen();
        Box box = byId.get(containerId);
        if (box != null) {
            box.exit(STOP_EXIT_CODE);
        }
    }

    @Override
    public void remove(String containerId) throws EngineException {
        checkOpen();
        Box box = byId.remove(containerId);
        if (box != null) {
            idByName.remove(box.name, box.id);
            box.exit(KILL_EXIT_CODE);
        }
    }

    /** Simulates the daemon going away: later calls fail, pending waits complete exceptionally. */
    @Override
    public void close() {
        closed = true;
        for (Box box : byId.values()) {
            box.failWaiters(daemonDown());
        }
    }

    private void checkOpen() throws EngineException {
        if (closed) {
            throw daemonDown();
        }
    }

    private void checkImage(String image) throws EngineException {
        String ref = normalize(image);
        String failure = failingImages.get(ref);
        if (failure != null) {
            throw new EngineException(failure);
        }
        if (!anyImage && !images.contains(ref)) {
            throw new EngineException("No such image: " + ref, true, null);
        }
    }

    private Box box(String containerId) throws EngineException {
        Box box = byId.get(containerId);
        if (box == null) {
            throw noSuchContainer(containerId);
        }
        return box;
    }

    private static EngineException noSuchContainer(String containerId) {
        return new EngineException("No such container: " + containerId, true, null);
    }

    private static EngineException daemonDown() {
        return new EngineException("Cannot connect to the Docker daemon (fake engine closed). Is the docker daemon running?");
    }

    /** {@code foo} → {@code foo:latest}; references with a tag or digest are kept. */
    static String normalize(String image) {
        if (image.indexOf('@') >= 0) {
            return image;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image : image + ":latest";
    }

    /** One container's mutable state, guarded by its own monitor. */
    private static final class Box {
        final String id;
        final String name;
        final ContainerConfig config;
        private int phase = CREATED;
        private long runningAt;
        private int exitCode;
        private CompletableFuture<Integer> exit;

        Box(String id, String name, ContainerConfig config) {
            this.id = id;
            this.name = name;
            this.config = config;
        }

        synchronized void start(long runningAtNanos) {
            if (phase == STARTED) {
                return;
            }
            phase = STARTED;
            runningAt = runningAtNanos;
            exitCode = 0;
            exit = null;
        }

        boolean exit(int code) {
            CompletableFuture<Integer> waiters;
            synchronized (this) {
                if (phase != STARTED) {
                    return false;
                }
                phase = EXITED;
                exitCode = code;
                waiters = exit;
            }
            if (waiters != null) {
                waiters.complete(code);
            }
            return true;
        }

        synchronized CompletableFuture<Integer> awaitExit() {
            if (phase != STARTED) {
                return CompletableFuture.completedFuture(exitCode);
            }
            if (exit == null) {
                exit = new CompletableFuture<>();
            }
            return exit;
        }

        void failWaiters(EngineException error) {
            CompletableFuture<Integer> waiters;
            synchronized (this) {
                waiters = exit;
            }
            if (waiters != null) {
                waiters.completeExceptionally(error);
            }
        }

        synchronized ContainerState state(long now) {
            switch (phase) {
                case STARTED:
                    return now - runningAt >= 0
                            ? new ContainerState("running", true, 0, pid(), "")
                            : new ContainerState("created", false, 0, 0, "");
                case EXITED:
                    return new ContainerState("exited", false, exitCode, 0, "");
                default:
                    return new ContainerState("created", false, 0, 0, "");
            }
        }

        private int pid() {
            return 1000 + (id.hashCode() & 0x7fff);
        }
    }
}
