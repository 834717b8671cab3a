package dev.shoal.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's command line: how many managers, nodes, tasks and services, the fake engines' start
 * delay, where the managers keep their data, and how agents get their threads. Immutable.
 *
 * @param managers      1 or 3 Raft peers
 * @param nodes         simulated agents, each a real {@code Agent} with its own fake engine
 * @param tasks         replicas in total, spread over {@code services}
 * @param services      replicated services to create
 * @param startDelay    how long a fake container takes to start
 * @param dataDir       the managers' data (each under {@code dataDir/managerN}); must be empty or absent
 * @param sharedThreads whether all agents share one event loop group and one task pool (else each has its own)
 * @param timeout       give up waiting for the tasks to run after this long
 * @param agentHosts    0: everything in this JVM; else each manager in its own JVM and the agents spread
 *                      over this many agent-host JVMs
 * @param electionTimeout the managers' Raft election timeout (lower bound; the upper is 4/3 of it), or
 *                      null for the product's default (0.75-1 s)
 */
public record SimOptions(int managers, int nodes, int tasks, int services, Duration startDelay, Path dataDir,
                         boolean sharedThreads, Duration timeout, int agentHosts, Duration electionTimeout) {
    /** Usage text for {@code bin/shoal-sim}. */
    public static final String USAGE = "usage: shoal-sim [--managers 1|3] [--nodes N] [--tasks T] [--services S]"
            + " [--start-delay 0ms] [--data-dir DIR] [--agent-threads shared|own] [--timeout 600s]"
            + " [--agent-hosts H|auto|0 (0: one JVM for everything)] [--election-timeout 750ms]";

    /** Agents per agent-host JVM when {@code --agent-hosts auto} (the default): one socket each, under the 20,000 open files per process. */
    static final int AGENTS_PER_HOST = 5000;

    public SimOptions {
        if (managers != 1 && managers != 3) throw new IllegalArgumentException("--managers must be 1 or 3");
        if (nodes < 1 || tasks < 0 || services < 1) throw new IllegalArgumentException("--nodes and --services must be positive, --tasks not negative");
        if (services > Math.max(1, tasks)) throw new IllegalArgumentException("--services must not exceed --tasks");
        if (agentHosts < 0 || agentHosts > nodes) throw new IllegalArgumentException("--agent-hosts must be between 0 and --nodes");
    }

    /** Everything in this one JVM (managers and agents), as the simulator first ran. */
    public SimOptions(int managers, int nodes, int tasks, int services, Duration startDelay, Path dataDir,
                      boolean sharedThreads, Duration timeout) {
        this(managers, nodes, tasks, services, startDelay, dataDir, sharedThreads, timeout, 0, null);
    }

    /** Whether the managers and the agents run in JVMs of their own. */
    public boolean separateProcesses() { return agentHosts > 0; }

    /** Parses {@code args}; unknown or malformed options throw IllegalArgumentException with the usage. */
    public static SimOptions parse(String[] args) {
        int managers = 1;
        int nodes = 100;
        int tasks = 10_000;
        int services = 10;
        Duration delay = Duration.ZERO;
        Path dir = null;
        boolean shared = true;
        Duration timeout = Duration.ofMinutes(10);
        String hosts = "auto";
        Duration election = null;
        List<String> a = new ArrayList<>(List.of(args));
        try {
            for (int i = 0; i < a.size(); i++) {
                String k = a.get(i);
                String v = i + 1 < a.size() ? a.get(i + 1) : null;
                if (v == null) throw new IllegalArgumentException(k + " needs a value");
                i++;
                switch (k) {
                    case "--managers": managers = Integer.parseInt(v); break;
                    case "--nodes": nodes = Integer.parseInt(v.replace("_", "")); break;
                    case "--tasks": tasks = Integer.parseInt(v.replace("_", "")); break;
                    case "--services": services = Integer.parseInt(v); break;
                    case "--start-delay": delay = duration(v); break;
                    case "--data-dir": dir = Path.of(v); break;
                    case "--agent-threads": shared = sharedThreads(v); break;
                    case "--timeout": timeout = duration(v); break;
                    case "--agent-hosts": hosts = v; break;
                    case "--election-timeout": election = duration(v); break;
                    default: throw new IllegalArgumentException("unknown option " + k);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage() + "\n" + USAGE);
        }
        int agentHosts = hosts.equals("auto") ? (nodes + AGENTS_PER_HOST - 1) / AGENTS_PER_HOST : Integer.parseInt(hosts);
        return new SimOptions(managers, nodes, tasks, services, delay, dir, shared, timeout, agentHosts, election);
    }

    private static boolean sharedThreads(String v) {
        if (v.equals("shared")) return true;
        if (v.equals("own")) return false;
        throw new IllegalArgumentException("--agent-threads is shared or own");
    }

    /** {@code 250ms}, {@code 2s}, {@code 5m}, or a bare number of milliseconds. */
    static Duration duration(String v) {
        if (v.endsWith("ms")) return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        if (v.endsWith("s")) return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
        if (v.endsWith("m")) return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
        return Duration.ofMillis(Long.parseLong(v));
    }
}
