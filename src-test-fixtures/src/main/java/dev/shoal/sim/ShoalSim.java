package dev.shoal.sim;

import dev.shoal.agent.Agent;
import dev.shoal.agent.AgentThreads;
import dev.shoal.manager.controlapi.ControlApi;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.TaskSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code bin/shoal-sim}: runs the real manager (Ratis with 1 or 3 peers writing real logs, the real
 * orchestrator, scheduler and dispatcher) against many simulated agents that speak the real protocol
 * over loopback with fake engines, creates services through the control API, and prints one line per
 * figure. By default each manager runs in a JVM of its own ({@link SimManagerProcess}) and the agents
 * in one or more agent-host JVMs ({@link SimAgentHostProcess}), as real hosts would; with
 * {@code --agent-hosts 0} everything runs in this JVM. A benchmark, not a test: nothing here asserts a time.
 */
public final class ShoalSim {
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    static final Duration GRACE = Duration.ofSeconds(4);

    private final SimOptions options;
    private final PrintStream log;

    /** A simulation of {@code options} that narrates its progress on {@code log}. */
    public ShoalSim(SimOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /** Parses the options, runs once and prints the figures on stdout (progress on stderr). */
    public static void main(String[] args) throws Exception {
        SimOptions o;
        try {
            o = SimOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("shoal-sim: " + e.getMessage());
            System.err.println(SimOptions.USAGE);
            System.exit(2);
            return;
        }
        System.out.printf(Locale.ROOT, "sim: managers=%d nodes=%d tasks=%d services=%d start-delay=%dms agent-threads=%s agent-hosts=%s election-timeout=%s cpus=%d max-heap=%dMiB%n",
                o.managers(), o.nodes(), o.tasks(), o.services(), o.startDelay().toMillis(), o.sharedThreads() ? "shared" : "own",
                o.separateProcesses() ? Integer.toString(o.agentHosts()) : "0 (one JVM)",
                o.electionTimeout() == null ? "default" : o.electionTimeout().toMillis() + "ms",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try {
            SimResult r = new ShoalSim(o, System.err).run();
            System.out.print(r.lines());
            System.exit(0);
        } catch (Exception | AssertionError e) {
            System.err.println("shoal-sim: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * Runs the simulation and returns its figures; throws IllegalStateException when the tasks do not all
     * run in time. Without {@code --data-dir} the Raft logs go to a temporary directory whose {@code raft}
     * directories are removed at the end (the processes' logs stay).
     */
    public SimResult run() throws IOException, InterruptedException {
        boolean temporary = options.dataDir() == null;
        Path dir = temporary ? Files.createTempDirectory("shoal-sim") : options.dataDir();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) throw new IllegalArgumentException("--data-dir " + dir + " is not empty");
            }
        }
        Files.createDirectories(dir);
        log.println("sim: data and logs under " + dir);
        try {
            return options.separateProcesses() ? new SimProcesses(options, dir, log).run() : runInOneJvm(dir);
        } finally {
            if (temporary) deleteRaftDirs(dir);
        }
    }

    private SimResult runInOneJvm(Path dir) throws IOException, InterruptedException {
        Clock clock = Clock.systemUTC();
        try (SimManagers managers = SimManagers.start(options.managers(), dir, clock, HEARTBEAT, GRACE, options.electionTimeout());
             AgentThreads shared = options.sharedThreads() ? AgentThreads.create(2, 32) : null;
             SimAgents agents = new SimAgents()) {
            SimManager leader = managers.leader();
            List<String> nodeIds = SimAgents.admit(leader.store(), options.nodes());
            long heapBefore = HeapMeter.usedAfterGc();

            long t0 = System.nanoTime();
            agents.start(nodeIds, managers.firstDispatcher(), options.startDelay(),
                    (id, addr, engine, c, host) -> new Agent(id, addr, engine, c, host, shared));
            waitFor("agents to register", () -> agents.registered() == agents.size(),
                    () -> agents.registered() + "/" + agents.size() + " registered");
            Duration registered = Duration.ofNanos(System.nanoTime() - t0);
            log.printf(Locale.ROOT, "sim: %d agents registered in %.2f s; %d live threads%n", agents.size(), registered.toNanos() / 1e9,
                    Thread.activeCount());

            long t1 = System.nanoTime();
            createServices(new ControlApi(leader.store(), clock), options.tasks(), options.services());
            long[] placedAt = {0};
            waitFor("every task to run", () -> {
                Progress p = Progress.of(leader.memory());
                if (placedAt[0] == 0 && p.placed() >= options.tasks()) placedAt[0] = System.nanoTime();
                return p.running() >= options.tasks();
            }, () -> Progress.of(leader.memory()).toString());
            long done = System.nanoTime();
            if (placedAt[0] == 0) placedAt[0] = done;

            double raftBytes = sizeOf(leader.raftDir());
            agents.close();
            managers.closeAllBut(leader);
            long heapAfter = HeapMeter.usedAfterGc();
            int t = Math.max(1, options.tasks());
            return new SimResult(options.tasks(), registered, Duration.ofNanos(placedAt[0] - t1), Duration.ofNanos(done - t1),
                    (heapAfter - heapBefore) / (double) t, raftBytes / t);
        }
    }

    /** {@code s} services, {@code tasks} replicas split as evenly as possible, created one after another through the control API. */
    static void createServices(ControlApi api, int tasks, int s) {
        for (int i = 0; i < s; i++) {
            int replicas = tasks / s + (i < tasks % s ? 1 : 0);
            TaskSpec task = new TaskSpec(new ContainerSpec("busybox:latest", null, List.of("sleep", "infinity"), null, null, null, null, null, null),
                    null, null, null, null);
            api.createService(new ServiceSpec(String.format("sim-%03d", i), null, task, ServiceMode.replicated(replicas), null));
        }
    }

    /** Polls {@code done} (every 100 ms, every second from 50,000 tasks; narrating every 5 s) until it holds or the run's timeout passes. */
    private void waitFor(String what, Check done, java.util.function.Supplier<String> status) throws InterruptedException {
        waitFor(options, log, what, done, status);
    }

    /** {@link #waitFor(String, Check, java.util.function.Supplier)} for the separate-process run. */
    static void waitFor(SimOptions options, PrintStream log, String what, Check done, java.util.function.Supplier<String> status)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + options.timeout().toNanos();
        long nextReport = start + 5_000_000_000L;
        while (!done.holds()) {
            long now = System.nanoTime();
            if (now > deadline) throw new IllegalStateException("timed out waiting for " + what + ": " + status.get());
            if (now > nextReport) {
                log.printf(Locale.ROOT, "sim: %.0f s waiting for %s: %s%n", (now - start) / 1e9, what, status.get());
                nextReport = now + 5_000_000_000L;
            }
            Thread.sleep(options.tasks() >= 50_000 ? 1000 : 100); // a count over every task is not free at scale
        }
    }

    /** Removes every {@code raft} directory under {@code dir} (a million tasks' logs are gigabytes). */
    static void deleteRaftDirs(Path dir) {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> doomed = new ArrayList<>();
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                for (Path q = p; q != null && q.startsWith(dir); q = q.getParent()) {
                    if (q.getFileName() != null && q.getFileName().toString().equals("raft")) {
                        doomed.add(p);
                        break;
                    }
                }
            });
            for (Path p : doomed) Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("sim: could not remove the Raft logs under " + dir + ": " + e);
        }
    }

    static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a segment rolled or purged while walking
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A condition polled by {@link #waitFor}. */
    @FunctionalInterface
    interface Check {
        boolean holds();
    }
}
