package dev.shoal.sim;

import dev.shoal.model.Ids;
import dev.shoal.testing.FreePorts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One simulation run with every manager in a JVM of its own and the agents spread over agent-host JVMs,
 * driven from this JVM: the managers' Raft logs, logs and GC logs go under the data dir
 * ({@code managerN/raft}, {@code managerN.log}, {@code managerN-gc.log}, {@code agents-K.log}). Each
 * child's heap is sized for the run (override or extend with {@code SHOAL_SIM_MANAGER_JAVA_OPTS} and
 * {@code SHOAL_SIM_AGENT_JAVA_OPTS}, whose options come last; {@code {name}} and {@code {dir}} in them
 * become the child's name and the data dir, e.g. for a JFR file per child). Every child is stopped when the run ends,
 * fails or this JVM exits; a child whose parent died exits when its stdin closes. Used by one thread.
 */
final class SimProcesses {
    private static final Duration CALL = Duration.ofMinutes(2);
    /** Full collections of a few gigabytes on a busy host: give them time. */
    private static final Duration HEAP_CALL = Duration.ofMinutes(5);

    private final SimOptions options;
    private final Path dir;
    private final PrintStream log;
    private final List<SimChild> managers = new CopyOnWriteArrayList<>();
    private final List<SimChild> hosts = new CopyOnWriteArrayList<>();

    SimProcesses(SimOptions options, Path dir, PrintStream log) {
        this.options = options;
        this.dir = dir;
        this.log = log;
    }

    SimResult run() throws IOException, InterruptedException {
        Thread reaper = new Thread(this::killAll, "sim-children-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            return runChildren();
        } finally {
            closeAll();
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs anyway
            }
        }
    }

    private SimResult runChildren() throws IOException, InterruptedException {
        String clusterId = new Ids().next();
        FreePorts ports = new FreePorts();
        List<String> peers = new ArrayList<>();
        for (int i = 1; i <= options.managers(); i++) {
            peers.add(SimManagerProcess.peerArg("manager" + i, "127.0.0.1:" + ports.next(), "127.0.0.1:" + ports.next()));
        }
        String firstDispatcher = peers.get(0).split("=")[2];
        for (int i = 1; i <= options.managers(); i++) {
            String name = "manager" + i;
            List<String> args = new ArrayList<>(List.of(name, clusterId, dir.resolve(name).toString()));
            args.addAll(peers);
            managers.add(SimChild.start(name, managerJvm(name), SimManagerProcess.class, args, dir.resolve(name + ".log")));
        }
        log.printf(Locale.ROOT, "sim: managers started, pids %s%n", pids(managers));
        SimChild leader = awaitLeader(Duration.ofSeconds(60));
        leader.call("init", CALL);
        List<String> nodeIds = Arrays.asList(leader.call("admit " + options.nodes(), CALL).split(","));
        Map<String, Long> heapBefore = new HashMap<>();
        for (SimChild m : managers) heapBefore.put(m.name(), Long.parseLong(m.call("heap", HEAP_CALL)));

        int h = options.agentHosts();
        for (int k = 1; k <= h; k++) {
            String name = "agents-" + k;
            hosts.add(SimChild.start(name, agentJvm(name), SimAgentHostProcess.class,
                    List.of(options.sharedThreads() ? "shared" : "own"), dir.resolve(name + ".log")));
        }
        log.printf(Locale.ROOT, "sim: %d agent hosts started, pids %s%n", h, pids(hosts));
        long t0 = System.nanoTime();
        int from = 0;
        for (int k = 0; k < h; k++) {
            int to = from + (nodeIds.size() - from) / (h - k);
            hosts.get(k).call("start " + firstDispatcher + " " + options.startDelay().toMillis() + " " + from + " "
                    + String.join(",", nodeIds.subList(from, to)), CALL);
            from = to;
        }
        ShoalSim.waitFor(options, log, "agents to register", () -> registered() == nodeIds.size(),
                () -> registered() + "/" + nodeIds.size() + " registered");
        Duration registered = Duration.ofNanos(System.nanoTime() - t0);
        log.printf(Locale.ROOT, "sim: %d agents registered in %.2f s%n", nodeIds.size(), registered.toNanos() / 1e9);

        long t1 = System.nanoTime();
        awaitLeader(Duration.ofSeconds(60)).call("services " + options.tasks() + " " + options.services(), CALL);
        // Count on a follower's replica when there is one: a count over a million tasks is not free, and the leader is the busy one.
        SimChild counter = managers.size() > 1 ? managers.get(managers.get(0) == leader ? 1 : 0) : leader;
        long[] placedAt = {0};
        try {
            ShoalSim.waitFor(options, log, "every task to run", () -> {
                long[] p = progress(counter);
                if (placedAt[0] == 0 && p[1] >= options.tasks()) placedAt[0] = System.nanoTime();
                return p[2] >= options.tasks();
            }, () -> {
                long[] p = progress(counter);
                return String.format(Locale.ROOT, "tasks=%d placed=%d running=%d (in %s's replica; leader %s)", p[0], p[1], p[2],
                        counter.name(), leaderName());
            });
        } catch (IllegalStateException e) {
            partialFigures(heapBefore);
            throw e;
        }
        long done = System.nanoTime();
        if (placedAt[0] == 0) placedAt[0] = done;

        SimChild last = awaitLeader(Duration.ofSeconds(60));
        double raftBytes = Long.parseLong(last.call("raft-bytes", CALL));
        for (SimChild a : hosts) a.close(); // no sessions left on the leader when its heap is measured
        hosts.clear();
        long heapAfter = Long.parseLong(last.call("heap", HEAP_CALL));
        log.printf(Locale.ROOT, "sim: leader %s at the end (%s at the start); its heap %d MiB before the agents, %d MiB after%n",
                last.name(), leader.name(), heapBefore.get(last.name()) >> 20, heapAfter >> 20);
        int t = Math.max(1, options.tasks());
        return new SimResult(options.tasks(), registered, Duration.ofNanos(placedAt[0] - t1), Duration.ofNanos(done - t1),
                (heapAfter - heapBefore.get(last.name())) / (double) t, raftBytes / t);
    }

    /**
     * When the tasks did not all run in time: the leader's heap per task it holds, with the agents stopped
     * (what a run that does not reach its target can still tell about memory), printed on the log.
     */
    private void partialFigures(Map<String, Long> heapBefore) {
        try {
            SimChild last = awaitLeader(Duration.ofSeconds(30));
            long[] p = progress(last);
            for (SimChild a : hosts) a.close();
            hosts.clear();
            long heapAfter = Long.parseLong(last.call("heap", HEAP_CALL));
            double raft = Long.parseLong(last.call("raft-bytes", CALL));
            log.printf(Locale.ROOT, "sim: not finished; %s leads with tasks=%d placed=%d running=%d; its heap per task held: %.0f B"
                            + " (%d MiB after full collections, %d MiB before the agents); raft log bytes per task held: %.0f B%n",
                    last.name(), p[0], p[1], p[2], (heapAfter - heapBefore.get(last.name())) / (double) Math.max(1, p[0]),
                    heapAfter >> 20, heapBefore.get(last.name()) >> 20, raft / Math.max(1, p[0]));
        } catch (RuntimeException | InterruptedException e) {
            log.println("sim: no partial figures: " + e);
        }
    }

    private int registered() {
        int n = 0;
        for (SimChild a : hosts) n += Integer.parseInt(a.call("registered", CALL));
        return n;
    }

    private static long[] progress(SimChild m) {
        String[] w = m.call("progress", CALL).split(" ");
        return new long[] {Long.parseLong(w[0]), Long.parseLong(w[1]), Long.parseLong(w[2])};
    }

    private String leaderName() {
        for (SimChild m : managers) if (m.isAlive() && Boolean.parseBoolean(m.call("leads", CALL))) return m.name();
        return "none";
    }

    private SimChild awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (SimChild m : managers) {
                if (!m.isAlive()) throw new IllegalStateException(m.exitNotice());
                if (Boolean.parseBoolean(m.call("leads", CALL))) return m;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no manager led within " + timeout);
    }

    /** A manager's heap: a gigabyte plus 4 KiB per task (the store, the leader loops' indexes, Ratis' caches). */
    private List<String> managerJvm(String name) {
        long mib = 1024 + (long) options.tasks() * 4 / 1024;
        List<String> o = new ArrayList<>(List.of("-Xmx" + mib + "m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=100"));
        if (options.electionTimeout() != null) {
            o.add("-D" + SimManagerProcess.ELECTION_TIMEOUT_PROPERTY + "=" + options.electionTimeout().toMillis());
        }
        return common(o, name, "SHOAL_SIM_MANAGER_JAVA_OPTS");
    }

    /**
     * An agent host's heap: half a gigabyte plus 3 KiB per task it runs, with the throughput collector. An
     * agent host is the simulator's, not the product's: its pauses only delay its agents' heartbeats (the
     * grace is several periods), and G1's write barriers and small young generation cost it more CPU.
     */
    private List<String> agentJvm(String name) {
        long mib = 512 + (long) options.tasks() / options.agentHosts() * 3 / 1024;
        List<String> o = new ArrayList<>(List.of("-Xmx" + mib + "m", "-XX:+UseParallelGC"));
        return common(o, name, "SHOAL_SIM_AGENT_JAVA_OPTS");
    }

    private List<String> common(List<String> o, String name, String env) {
        o.add("-Xss512k");
        o.add("-XX:+ExitOnOutOfMemoryError");
        o.add("-Xlog:gc:file=" + dir.resolve(name + "-gc.log"));
        for (String p : System.getProperties().stringPropertyNames()) {
            if (p.startsWith("org.slf4j.")) o.add("-D" + p + "=" + System.getProperty(p));
        }
        String extra = System.getenv(env);
        if (extra != null && !extra.isBlank()) {
            for (String x : extra.trim().split("\\s+")) o.add(x.replace("{name}", name).replace("{dir}", dir.toString()));
        }
        return o;
    }

    private static String pids(List<SimChild> children) {
        List<String> out = new ArrayList<>();
        for (SimChild c : children) out.add(c.name() + "=" + c.pid());
        return String.join(" ", out);
    }

    private void closeAll() {
        for (SimChild a : hosts) a.close();
        for (SimChild m : managers) m.close();
        hosts.clear();
        managers.clear();
    }

    private void killAll() {
        for (SimChild a : new ArrayList<>(hosts)) a.kill();
        for (SimChild m : new ArrayList<>(managers)) m.kill();
    }
}
