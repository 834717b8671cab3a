package dev.shoal.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.shoal.executor.docker.DockerClients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real {@code bin/shoald} as a child process, for end-to-end tests: its own temporary data dir, free
 * loopback ports (API, cluster, and cluster + 1 for Raft) and a log file. {@link #stop()} sends SIGTERM and
 * {@link #start()} launches it again on the same data dir and ports, as a restarted systemd unit would.
 * {@link #close()} kills it, removes every container labelled with any node id it ever had, and deletes its
 * data dir (the log is kept under {@code target/e2e-logs} when that directory can be made).
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class ShoaldProcess implements AutoCloseable {
    /** The Docker label an agent puts on every container it owns. */
    public static final String NODE_LABEL = "dev.shoal.node.id";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** One allocator for every daemon of this JVM: a test starts several before the first binds its ports. */
    private static final FreePorts PORTS = new FreePorts();

    private final Path repoRoot;
    private final String hostname;
    private final Path dataDir;
    private final Path log;
    private final int apiPort;
    private final int clusterPort;
    private final Set<String> nodeIds = new LinkedHashSet<>();
    private Process process;
    /** Kills the daemon if the test JVM exits without {@link #close()} (e.g. an interrupted build). */
    private final Thread reaper = new Thread(() -> {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }, "shoald-reaper");

    private ShoaldProcess(Path repoRoot, String hostname) throws IOException {
        this.repoRoot = repoRoot;
        this.hostname = hostname;
        this.dataDir = Files.createTempDirectory("shoald-" + hostname + "-");
        this.apiPort = PORTS.next();
        this.clusterPort = PORTS.pair();
        Path logDir = Paths.get("target", "e2e-logs");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            logDir = dataDir.getParent();
        }
        this.log = logDir.resolve("shoald-" + hostname + "-" + apiPort + ".log").toAbsolutePath();
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Launches a new daemon named {@code hostname} and waits until its API answers. */
    public static ShoaldProcess launch(String hostname) {
        try {
            ShoaldProcess p = new ShoaldProcess(repoRoot(), hostname);
            p.start();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The repository root: the first directory upwards from the working directory holding an executable
     * {@code bin/shoald} (surefire runs in {@code src-test-fixtures/}, so usually its parent).
     */
    public static Path repoRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("bin/shoald")) && Files.isExecutable(d.resolve("bin/swarmctl"))) {
                return d;
            }
        }
        throw new IllegalStateException("no bin/shoald above " + dir);
    }

    /** Starts the daemon (again) on this data dir and these ports, and waits for its API's {@code /_ping}. */
    public void start() {
        if (isRunning()) {
            throw new IllegalStateException("shoald " + hostname + " is already running");
        }
        List<String> cmd = List.of(repoRoot.resolve("bin/shoald").toString(),
                "--data-dir", dataDir.toString(),
                "--api-addr", "127.0.0.1:" + apiPort,
                "--listen-addr", "127.0.0.1:" + clusterPort,
                "--hostname", hostname);
        try {
            Files.writeString(log, "=== " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(cmd).directory(repoRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/_ping"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        Wait.until("shoald " + hostname + " to answer on port " + apiPort, READY_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("shoald " + hostname + " exited with " + process.exitValue()
                        + "; log:\n" + logTail(40));
            }
            return http.send(ping, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        });
        recordNodeId();
    }

    /** SIGTERM ({@link Process#destroy()}), as systemd stops it; waits for the exit, killing it after 30 s. */
    public void stop() {
        if (process == null) {
            return;
        }
        recordNodeId();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** SIGKILL, as a crash or {@code kill -9}: no shutdown hook runs; waits for the exit. */
    public void kill() {
        if (process == null) {
            return;
        }
        recordNodeId();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The OS process id of the running daemon. */
    public long pid() {
        return process.pid();
    }

    /** {@code tcp://127.0.0.1:<api port>}, for {@code swarmctl -H}. */
    public String apiHost() {
        return "tcp://127.0.0.1:" + apiPort;
    }

    public int apiPort() {
        return apiPort;
    }

    public int clusterPort() {
        return clusterPort;
    }

    public String hostname() {
        return hostname;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return log;
    }

    /** A {@code bin/swarmctl} runner pointed at this daemon. */
    public Swarmctl swarmctl() {
        return new Swarmctl(repoRoot, apiHost());
    }

    /** The node id persisted in {@code <data-dir>/node.json}, or {@code null} before {@code swarm init}. */
    public String nodeId() {
        Path file = dataDir.resolve("node.json");
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode id = JSON.readTree(file.toFile()).get("NodeID");
            String value = id == null || id.isNull() ? null : id.asText();
            if (value != null) {
                nodeIds.add(value);
            }
            return value;
        } catch (IOException e) {
            return null;
        }
    }

    /** Remembers the current node id so {@link #close()} removes its containers. */
    public void recordNodeId() {
        nodeId();
    }

    /** The last {@code lines} lines of the daemon's log. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills the daemon, removes every container labelled with its node ids, and deletes its data dir. */
    @Override
    public void close() {
        recordNodeId();
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        removeContainersOf(nodeIds);
        deleteTree(dataDir);
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /** Force-removes every container (running or not) labelled {@value #NODE_LABEL} with one of {@code ids}. */
    public static void removeContainersOf(Set<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (DockerClient docker = DockerClients.create(null)) {
            for (String id : ids) {
                List<Container> containers = docker.listContainersCmd().withShowAll(true)
                        .withLabelFilter(List.of(NODE_LABEL + "=" + id)).exec();
                for (Container c : containers) {
                    try {
                        docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                    } catch (NotFoundException gone) {
                        // removed meanwhile
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir
        }
    }

    @Override
    public String toString() {
        return "shoald " + hostname + " (api " + apiPort + ", cluster " + clusterPort + ", data " + dataDir + ")";
    }
}
