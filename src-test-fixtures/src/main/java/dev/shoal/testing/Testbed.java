package dev.shoal.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The multi-host testbed of {@code docker/testbed/} from JUnit: {@code K} hosts {@code shoal-h1..shoal-hK} on
 * this machine, each a network namespace with its own address ({@code 10.231.0.(10+N)}), its own Docker
 * Engine and, once {@link #startShoald started}, its own {@code bin/shoald}. Every method runs one of the
 * testbed's scripts ({@code up.sh}, {@code down.sh}, {@code shoald.sh}, {@code dockerd.sh}, {@code link.sh})
 * and fails with an {@link AssertionError} carrying everything the script printed when it exits non-zero;
 * see {@code docs/testbed.md} for what each one does.
 *
 * <pre>{@code
 * try (Testbed tb = Testbed.up(5)) {
 *     tb.startShoald(1, 2, 3, 4, 5);
 *     tb.swarmctl(1).ok("swarm", "init", "--advertise-addr", tb.ip(1));
 *     String token = tb.swarmctl(1).ok("swarm", "join-token", "-q", "worker").strip();
 *     tb.swarmctl(4).ok("swarm", "join", "--token", token, tb.clusterAddr(1));
 *     tb.linkDown(4);
 *     ...
 * }
 * }</pre>
 *
 * <p>Needs root, Linux network namespaces, {@code dockerd}, and a running engine on the default socket
 * ({@link #available()} says whether this machine qualifies, and why not). {@link #close()} tears everything
 * down ({@code down.sh}) after copying every host's {@code dockerd.log} and {@code shoald.log} to
 * {@code target/testbed-logs/<time>/hN/}; a shutdown hook does the same if the JVM exits first.
 *
 * <p>Thread-safety: the testbed's names ({@code shoal-hN}, bridge {@code shoaltb0},
 * {@code /run/shoal-testbed}) are fixed, so there is one testbed per machine: at most one open instance per
 * JVM ({@link #up} refuses a second), and test JVMs that run at the same time on one machine must not both
 * use it. Within an instance, the per-host methods may be called from several threads for
 * <em>different</em> hosts at once (each runs its own script process, touching only that host); calls for
 * the same host must not overlap, and {@link #close()} must not overlap any call. The {@link Swarmctl}
 * runners it hands out are thread-safe.
 */
public final class Testbed implements AutoCloseable {
    /** The first three octets of every testbed address. */
    public static final String NET = "10.231.0";
    /** The address of the machine itself on the testbed's bridge. */
    public static final String GATEWAY = NET + ".1";
    public static final int API_PORT = 4243;
    public static final int CLUSTER_PORT = 2377;
    /** How long {@code up.sh} may take (about 5 s per host, more on a loaded machine). */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
    /** How long any other script may take (shoald start waits up to 60 s for the API; stop up to 30 s). */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(2);

    private static final Object LOCK = new Object();
    private static Testbed open;

    private final Path repoRoot;
    private final int size;
    private final Path logDir;
    private final Thread reaper;
    private volatile boolean closed;

    private Testbed(Path repoRoot, int size) {
        this.repoRoot = repoRoot;
        this.size = size;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        this.logDir = Paths.get("target", "testbed-logs", stamp).toAbsolutePath();
        this.reaper = new Thread(this::tearDown, "testbed-reaper");
    }

    /**
     * Creates hosts 1..{@code hosts} ({@code up.sh}) and waits until every engine answers with the test image
     * loaded. Hosts left over from an earlier run are reused (up.sh is idempotent), so a test that needs a
     * clean slate calls {@link #down()} first.
     */
    public static Testbed up(int hosts) {
        if (hosts < 1 || hosts > 99) {
            throw new IllegalArgumentException("hosts must be 1..99, not " + hosts);
        }
        synchronized (LOCK) {
            if (open != null) {
                throw new IllegalStateException("a testbed is already open in this JVM (" + open + "); close it first");
            }
            Testbed tb = new Testbed(ShoaldProcess.repoRoot(), hosts);
            Runtime.getRuntime().addShutdownHook(tb.reaper);
            open = tb;
            try {
                tb.script(UP_TIMEOUT, "up.sh", String.valueOf(hosts));
            } catch (RuntimeException | Error e) {
                tb.close();
                throw e;
            }
            return tb;
        }
    }

    /** Tears down whatever testbed exists on this machine ({@code down.sh}), open or left over. */
    public static void down() {
        run(ShoaldProcess.repoRoot(), SCRIPT_TIMEOUT, List.of("bash", script(ShoaldProcess.repoRoot(), "down.sh"))).orFail();
    }

    /**
     * Whether this machine can run the testbed: {@code null} if it can, else the reason it cannot (not root,
     * no {@code ip}/{@code nsenter}/{@code dockerd}, no engine answering on the default socket).
     */
    public static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the testbed needs root (namespaces, bridges, dockerd); running as " + System.getProperty("user.name");
        }
        for (String tool : List.of("ip", "nsenter", "unshare", "dockerd", "docker", "curl", "busybox")) {
            if (!onPath(tool)) {
                return tool + " is not on the PATH (docker/ci/ensure-engine.sh and ensure-tools.sh install it)";
            }
        }
        Result r = run(Paths.get("."), Duration.ofSeconds(20), List.of("docker", "version", "--format", "{{.Server.Version}}"));
        return r.ok() ? null : "the machine's Docker Engine does not answer: " + r.output().strip();
    }

    /** {@code unavailableReason() == null}. */
    public static boolean available() {
        return unavailableReason() == null;
    }

    /** The number of hosts this testbed was brought up with. */
    public int size() {
        return size;
    }

    /** Host {@code n}'s address, {@code 10.231.0.(10+n)}. */
    public String ip(int n) {
        return NET + "." + (10 + check(n));
    }

    /** Host {@code n}'s hostname and network namespace, {@code shoal-hN}. */
    public String hostname(int n) {
        return "shoal-h" + check(n);
    }

    /** Host {@code n}'s control API, {@code tcp://IP:4243}, for {@code swarmctl -H}. */
    public String apiHost(int n) {
        return "tcp://" + ip(n) + ":" + API_PORT;
    }

    /** Host {@code n}'s cluster address, {@code IP:2377}, the argument of {@code swarm join}. */
    public String clusterAddr(int n) {
        return ip(n) + ":" + CLUSTER_PORT;
    }

    /** Host {@code n}'s Docker Engine, {@code unix:///run/shoal-testbed/hN/docker.sock} (reachable from here). */
    public String dockerHost(int n) {
        return "unix:///run/shoal-testbed/h" + check(n) + "/docker.sock";
    }

    /** A thread-safe {@code bin/swarmctl} runner pointed at host {@code n}'s shoald. */
    public Swarmctl swarmctl(int n) {
        return new Swarmctl(repoRoot, apiHost(n));
    }

    /**
     * A {@code bin/swarmctl} runner that runs inside host {@code n}'s network namespace, so it reaches that host's
     * shoald even while the host is cut off ({@link #linkDown}), as a user logged in on the host would.
     */
    public Swarmctl swarmctlInside(int n) {
        return new Swarmctl(repoRoot, apiHost(n), java.util.Map.of(), List.of("nsenter", "--net=/var/run/netns/" + hostname(n), "--"));
    }

    /**
     * Starts shoald on each of {@code hosts} (concurrently, as their JVMs start slowly) and waits until each
     * API answers. A restarted host's shoald resumes from its data dir, like a restarted unit.
     */
    public void startShoald(int... hosts) {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int n : hosts) {
            check(n);
            Thread t = new Thread(() -> {
                try {
                    shoald(n, "start");
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "testbed-start-h" + n);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted starting shoald", e);
            }
        }
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("shoald did not start on every host: " + failures.get(0).getMessage());
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    /**
     * Starts host {@code n}'s shoald with extra flags, e.g. {@code List.of("--heartbeat-grace", "2s")}; they are
     * remembered, so later starts without flags reuse them.
     */
    public void startShoald(int n, List<String> extraArgs) {
        shoald(n, "start", extraArgs.toArray(String[]::new));
    }

    /** SIGTERM to host {@code n}'s shoald, as {@code systemctl stop}; SIGKILL after 30 s. */
    public void stopShoald(int n) {
        shoald(n, "stop");
    }

    /** {@code kill -9} of host {@code n}'s shoald. */
    public void killShoald(int n) {
        shoald(n, "kill");
    }

    /** Whether host {@code n}'s shoald runs. */
    public boolean shoaldRunning(int n) {
        return shoald(n, "status").output().startsWith("running");
    }

    /** Starts host {@code n}'s engine again (after {@link #killDockerd}) and waits until it answers. */
    public void startDockerd(int n) {
        script(SCRIPT_TIMEOUT, "dockerd.sh", String.valueOf(check(n)), "start");
    }

    /** {@code kill -9} of host {@code n}'s engine: its containers keep running, cut off from it. */
    public void killDockerd(int n) {
        script(SCRIPT_TIMEOUT, "dockerd.sh", String.valueOf(check(n)), "kill");
    }

    /** Cuts host {@code n}'s network link (its processes keep running, unreachable). */
    public void linkDown(int n) {
        script(SCRIPT_TIMEOUT, "link.sh", String.valueOf(check(n)), "down");
    }

    /** Heals host {@code n}'s link and waits until it answers a ping. */
    public void linkUp(int n) {
        script(SCRIPT_TIMEOUT, "link.sh", String.valueOf(check(n)), "up");
    }

    /** Runs {@code docker -H <host n's engine> args…} and returns what it printed; fails unless it exits 0. */
    public String docker(int n, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", dockerHost(n)));
        cmd.addAll(Arrays.asList(args));
        return run(repoRoot, SCRIPT_TIMEOUT, cmd).orFail().output();
    }

    /** Host {@code n}'s shoald log ({@code /var/lib/shoal-testbed/hN/shoald.log}). */
    public Path shoaldLog(int n) {
        return Paths.get("/var/lib/shoal-testbed/h" + check(n) + "/shoald.log");
    }

    /** The last {@code lines} lines of host {@code n}'s shoald log, for failure messages. */
    public String shoaldLogTail(int n, int lines) {
        try {
            List<String> all = Files.readAllLines(shoaldLog(n), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Where {@link #close()} copies the hosts' logs. */
    public Path logDir() {
        return logDir;
    }

    /** Copies the logs to {@link #logDir()} and tears the testbed down ({@code down.sh}). Idempotent. */
    @Override
    public void close() {
        tearDown();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (and finds it closed)
        }
    }

    private void tearDown() {
        synchronized (LOCK) {
            if (closed) {
                return;
            }
            closed = true;
            if (open == this) {
                open = null;
            }
        }
        script(SCRIPT_TIMEOUT, "down.sh", "--keep-logs", logDir.toString());
    }

    @Override
    public String toString() {
        return "testbed of " + size + " host(s) at " + NET + ".11.." + NET + "." + (10 + size);
    }

    // ---- running the scripts ----

    private int check(int n) {
        if (n < 1 || n > size) {
            throw new IllegalArgumentException("no host " + n + " in a testbed of " + size);
        }
        return n;
    }

    private Result shoald(int n, String action, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(String.valueOf(check(n)), action));
        args.addAll(Arrays.asList(extraArgs));
        return script(SCRIPT_TIMEOUT, "shoald.sh", args.toArray(String[]::new));
    }

    private Result script(Duration timeout, String name, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", script(repoRoot, name)));
        cmd.addAll(Arrays.asList(args));
        return run(repoRoot, timeout, cmd).orFail();
    }

    private static String script(Path repoRoot, String name) {
        return repoRoot.resolve("docker/testbed").resolve(name).toString();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** What one command printed (stdout and stderr interleaved) and returned. */
    public record Result(List<String> command, int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** This result, or an {@link AssertionError} with the command and its whole output. */
        public Result orFail() {
            if (!ok()) {
                throw new AssertionError(String.join(" ", command) + " -> exit " + exitCode + "\n" + output);
            }
            return this;
        }
    }

    private static Result run(Path dir, Duration timeout, List<String> cmd) {
        Path out = null;
        try {
            out = Files.createTempFile("testbed", ".out");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", cmd) + " did not finish within " + timeout
                        + "\n" + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(List.copyOf(cmd), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + cmd, e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }
}
