package dev.shoal.testbed;

import dev.shoal.testing.Swarmctl;
import dev.shoal.testing.Testbed;
import dev.shoal.testing.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #4's failures on real hosts: 3 managers (shoal-h1..h3) and 2 workers (shoal-h4, shoal-h5), one
 * service of 10 replicas; a worker killed, a worker cut off by link-down and healed, a follower manager cut off
 * and healed, the leader cut off and healed, the leader killed. After each partition heals the cluster must
 * converge back to one view: one leader, every replica showing the same writes, and exactly the service's
 * replicas running, in the store and on the engines.
 *
 * <p>Runs in CI with the other testbed tests ({@code mvn verify}); {@code -Dshoal.testbed.cluster=false}
 * leaves it out. The managers join back to back: a joining manager's Raft server starts outside any
 * configuration and waits to be added (before that fix, the second join often failed here).
 */
@DisabledIfSystemProperty(named = "shoal.testbed.cluster", matches = "false",
        disabledReason = "-Dshoal.testbed.cluster=false leaves the 3-manager testbed test out")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT {
    private static final int REPLICAS = 10;
    private static final String IMAGE = "shoal/busybox:latest";
    /** What a manager without a quorum answers a write with (RaftErrors). */
    private static final String NO_QUORUM = "is a quorum of managers up?";
    private static final Duration CONVERGE = Duration.ofSeconds(60);
    /** A row of `service ps`: ID NAME IMAGE NODE DESIRED-STATE CURRENT-STATE… */
    private static final Pattern TASK_ROW = Pattern.compile("^\\S+\\s+\\S+\\s+\\S+\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)");
    /** A row of `node ls`: ID [*] HOSTNAME STATUS AVAILABILITY [MANAGER STATUS] ENGINE VERSION. */
    private static final Pattern NODE_ROW = Pattern.compile("^\\S+\\s+(?:\\*\\s+)?(shoal-h\\d+)\\s+(\\S+)\\s+\\S+\\s*(Leader|Reachable|Unreachable)?");

    private static Testbed tb;
    private static final List<Integer> managers = new ArrayList<>(List.of(1, 2, 3));

    @BeforeAll
    static void formCluster() {
        String why = Testbed.unavailableReason();
        if (why != null) {
            throw new AssertionError("this machine cannot run the testbed: " + why);
        }
        Testbed.down();
        tb = Testbed.up(5);
        tb.startShoald(1, 2, 3, 4, 5);
        Swarmctl h1 = tb.swarmctl(1);
        h1.ok("swarm", "init", "--advertise-addr", tb.ip(1));
        String manager = h1.ok("swarm", "join-token", "-q", "manager").strip();
        String worker = h1.ok("swarm", "join-token", "-q", "worker").strip();
        tb.swarmctl(2).ok("swarm", "join", "--token", manager, tb.clusterAddr(1));
        tb.swarmctl(3).ok("swarm", "join", "--token", manager, tb.clusterAddr(1));
        tb.swarmctl(4).ok("swarm", "join", "--token", worker, tb.clusterAddr(1));
        tb.swarmctl(5).ok("swarm", "join", "--token", worker, tb.clusterAddr(1));
        Wait.until("5 Ready nodes, a leader and 2 reachable managers", CONVERGE, () -> {
            List<String[]> nodes = nodes(1);
            return nodes.stream().filter(n -> n[1].equals("Ready")).count() == 5
                    && nodes.stream().filter(n -> "Leader".equals(n[2])).count() == 1
                    && nodes.stream().filter(n -> "Reachable".equals(n[2])).count() == 2;
        });
        h1.ok("service", "create", "--name", "web", "--replicas", String.valueOf(REPLICAS), "--stop-grace-period", "1s",
                "shoal/busybox:latest", "sleep", "3600");
        awaitRunning(1, REPLICAS, List.of());
    }

    @AfterAll
    static void tearDown() {
        if (tb != null) {
            tb.close();
        }
    }

    /** {hostname, STATUS, MANAGER STATUS or null} for each row of `node ls` asked of host {@code via}. */
    private static List<String[]> nodes(int via) {
        return nodes(tb.swarmctl(via));
    }

    /** As {@link #nodes(int)}, asked through {@code swarmctl}. */
    private static List<String[]> nodes(Swarmctl swarmctl) {
        List<String[]> out = new ArrayList<>();
        for (String line : swarmctl.run("node", "ls").lines()) {
            Matcher m = NODE_ROW.matcher(line);
            if (m.find()) {
                out.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        return out;
    }

    /** Hostnames of the running tasks of `web` (desired and current state Running), asked of host {@code via}. */
    private static List<String> runningOn(int via) {
        List<String> hosts = new ArrayList<>();
        for (String line : tb.swarmctl(via).run("service", "ps", "web", "-f", "desired-state=running").lines()) {
            Matcher m = TASK_ROW.matcher(line);
            if (m.find() && m.group(2).equals("Running") && m.group(3).equals("Running")) {
                hosts.add(m.group(1));
            }
        }
        return hosts;
    }

    private static void awaitRunning(int via, int want, List<String> notOn) {
        Wait.until(want + " tasks of web running, none on " + notOn, CONVERGE, () -> {
            List<String> on = runningOn(via);
            return on.size() == want && on.stream().noneMatch(notOn::contains);
        });
    }

    @Test
    @Order(1)
    void aKilledWorkersTasksRunElsewhere() {
        tb.killShoald(5);
        tb.killDockerd(5);
        awaitRunning(1, REPLICAS, List.of("shoal-h5"));
        Wait.until("shoal-h5 Down", CONVERGE, () -> nodes(1).stream().anyMatch(n -> n[0].equals("shoal-h5") && n[1].equals("Down")));
    }

    @Test
    @Order(2)
    void aWorkerCutOffIsReplacedAndConvergesWhenHealed() {
        tb.linkDown(4);
        Wait.until("shoal-h4 Down", CONVERGE, () -> nodes(1).stream().anyMatch(n -> n[0].equals("shoal-h4") && n[1].equals("Down")));
        awaitRunning(1, REPLICAS, List.of("shoal-h4", "shoal-h5"));
        tb.linkUp(4);
        Wait.until("shoal-h4 Ready again", CONVERGE, () -> nodes(1).stream().anyMatch(n -> n[0].equals("shoal-h4") && n[1].equals("Ready")));
        // Its stale containers are shut down: nothing runs twice for long.
        Wait.until("no task containers of web left running on shoal-h4", CONVERGE,
                () -> tb.docker(4, "ps", "-q", "--filter", "label=dev.shoal.service.name=web").isBlank());
        awaitRunning(1, REPLICAS, List.of("shoal-h5"));
    }

    /** The host number of the manager {@code node ls} on host {@code via} names Leader, or -1. */
    private static int leaderVia(int via) {
        return nodes(via).stream().filter(n -> "Leader".equals(n[2])).mapToInt(n -> host(n[0])).findFirst().orElse(-1);
    }

    /** The MANAGER STATUS of host {@code n} in {@code node ls} asked of host {@code via} (null if none). */
    private static String managerStatus(int via, int n) {
        return nodes(via).stream().filter(r -> r[0].equals(tb.hostname(n))).map(r -> r[2]).findFirst().orElse(null);
    }

    private static int host(String hostname) {
        return Integer.parseInt(hostname.substring("shoal-h".length()));
    }

    /** Creates a 0-replica service through host {@code via}; true once it exists (a retry after an unclear failure finds it). */
    private static boolean created(int via, String name) {
        return tb.swarmctl(via).run("service", "create", "--name", name, "--replicas", "0", IMAGE, "sleep", "1").ok()
                || tb.swarmctl(via).run("service", "inspect", name).ok();
    }

    /** Running task containers of web on the engines of {@code hosts}. */
    private static int webContainers(List<Integer> hosts) {
        int count = 0;
        for (int n : hosts) {
            count += (int) tb.docker(n, "ps", "-q", "--filter", "label=dev.shoal.service.name=web").lines()
                    .filter(l -> !l.isBlank()).count();
        }
        return count;
    }

    /** How many lines host {@code n}'s shoald log has now (a mark for {@link #logSince}). */
    private static long logLines(int n) {
        try (var lines = java.nio.file.Files.lines(tb.shoaldLog(n))) {
            return lines.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Host {@code n}'s shoald log after the first {@code mark} lines. */
    private static String logSince(int n, long mark) {
        try (var lines = java.nio.file.Files.lines(tb.shoaldLog(n))) {
            return String.join("\n", lines.skip(mark).toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * One view again: every manager in {@link #managers} names the same leader and sees {@code want} running
     * tasks of web, and the engines of the live hosts run exactly {@code want} of its containers (no task runs
     * twice, in the store or for real).
     */
    private static void awaitOneView(int want, List<Integer> liveHosts) {
        Wait.until("one leader and " + want + " running tasks of web on every manager, " + want + " containers on the engines",
                CONVERGE, () -> {
                    int leader = leaderVia(managers.get(0));
                    if (leader < 0 || !managers.contains(leader)) return false;
                    for (int m : managers) {
                        if (leaderVia(m) != leader || runningOn(m).size() != want) return false;
                    }
                    return webContainers(liveHosts) == want;
                });
    }

    @Test
    @Order(3)
    void aFollowerManagerCutOffAnswersReadsRefusesWritesAndCatchesUpWhenHealed() {
        int leader = leaderVia(1);
        int cut = managers.stream().filter(m -> m != leader).max(Integer::compare).orElseThrow();
        String written = "written-while-h" + cut + "-was-cut-off";
        String refused = "refused-by-h" + cut;
        tb.linkDown(cut);
        try {
            Wait.until("a write accepted by the other two managers", CONVERGE, () -> created(leader, written));
            Wait.until(tb.hostname(cut) + " Unreachable in node ls", CONVERGE, () -> "Unreachable".equals(managerStatus(leader, cut)));
            // On the cut-off host itself (its own netns): reads from its replica, writes refused with the quorum message.
            Swarmctl inside = tb.swarmctlInside(cut);
            Swarmctl.Result ls = inside.run("service", "ls");
            assertTrue(ls.ok() && ls.stdout().contains("web"), () -> "the cut-off manager should answer reads: " + ls);
            Swarmctl.Result write = inside.run("service", "create", "--name", refused, "--replicas", "0", IMAGE, "sleep", "1");
            assertFalse(write.ok(), () -> "the cut-off manager should refuse writes: " + write);
            assertTrue((write.stderr() + write.stdout()).contains(NO_QUORUM), () -> "expected the quorum message: " + write);
        } finally {
            tb.linkUp(cut);
        }
        Wait.until(tb.hostname(cut) + " Reachable again", CONVERGE, () -> "Reachable".equals(managerStatus(leaderVia(1), cut)));
        Wait.until(tb.hostname(cut) + "'s replica shows the write made while it was cut off", CONVERGE,
                () -> tb.swarmctl(cut).run("service", "inspect", written).ok());
        awaitOneView(REPLICAS, List.of(1, 2, 3, 4));
        // The refused write was given up, not kept to be committed once the partition healed.
        for (int m : managers) {
            assertFalse(tb.swarmctl(m).run("service", "inspect", refused).ok(), "shoal-h" + m + " shows the refused write " + refused);
        }
    }

    @Test
    @Order(4)
    void aLeaderCutOffStepsDownTheOthersElectAnotherAndOneViewRemainsWhenHealed() {
        int old = leaderVia(managers.get(0));
        assertTrue(managers.contains(old), "a leader among the managers");
        List<Integer> majority = managers.stream().filter(m -> m != old).toList();
        int via = majority.get(0);
        long mark = logLines(old);
        tb.linkDown(old);
        try {
            // The majority elects a new leader, which accepts writes and runs the orchestrators (the scale is carried out).
            Wait.until("a write accepted by shoal-h" + via, CONVERGE,
                    () -> tb.swarmctl(via).run("service", "scale", "web=" + (REPLICAS + 1)).ok());
            Wait.until("a new leader among " + majority, CONVERGE, () -> majority.contains(leaderVia(via)));
            // The old leader, alone, loses its leadership (Ratis: no answer from a majority for an election timeout)
            // and stops its leader-only loops: nothing on the minority side keeps proposing.
            Wait.until("shoal-h" + old + " to stop its leader-only loops", CONVERGE,
                    () -> logSince(old, mark).contains("no longer leads: stopping the leader-only loops"));
            // ... and says so: node ls on the cut-off host names no leader (its replica still records itself as one).
            Wait.until("node ls on shoal-h" + old + " itself to name no leader", CONVERGE, () -> {
                List<String[]> rows = nodes(tb.swarmctlInside(old));
                return !rows.isEmpty() && rows.stream().noneMatch(r -> "Leader".equals(r[2]));
            });
            awaitRunning(via, REPLICAS + 1, List.of("shoal-h5", "shoal-h" + old));
            // Pre-vote: alone, it cannot win an election, so it never leads (nor starts its loops) again while cut off.
            assertFalse(logSince(old, mark).contains("leads: starting the orchestrators"),
                    () -> "shoal-h" + old + " led again while cut off:\n" + logSince(old, mark));
        } finally {
            tb.linkUp(old);
        }
        Wait.until("every live node Ready and every manager reachable", CONVERGE, () -> {
            int leader = leaderVia(via);
            if (leader < 0) return false;
            List<String[]> rows = nodes(leader);
            for (int n : List.of(1, 2, 3, 4)) {
                boolean ok = rows.stream().anyMatch(r -> r[0].equals(tb.hostname(n)) && r[1].equals("Ready")
                        && (!managers.contains(n) || "Leader".equals(r[2]) || "Reachable".equals(r[2])));
                if (!ok) return false;
            }
            return true;
        });
        awaitOneView(REPLICAS + 1, List.of(1, 2, 3, 4));
    }

    @Test
    @Order(5)
    void anotherManagerAcceptsWritesWhenTheLeaderIsKilled() {
        int leader = nodes(1).stream().filter(n -> "Leader".equals(n[2]))
                .map(n -> Integer.parseInt(n[0].substring("shoal-h".length()))).findFirst()
                .orElseThrow(() -> new AssertionError("no leader in node ls"));
        tb.killShoald(leader);
        managers.remove(Integer.valueOf(leader));
        int survivor = managers.get(0);
        Wait.until("a write accepted by shoal-h" + survivor, Duration.ofSeconds(30),
                () -> tb.swarmctl(survivor).run("service", "scale", "web=" + (REPLICAS + 2)).ok());
        Wait.until("a new leader among " + managers, CONVERGE, () -> nodes(survivor).stream()
                .anyMatch(n -> "Leader".equals(n[2]) && managers.contains(Integer.parseInt(n[0].substring(7)))));
        // The leader's host keeps its engine (only shoald died), so its containers stay until it is Down.
        awaitRunning(survivor, REPLICAS + 2, List.of("shoal-h5", "shoal-h" + leader));
        assertTrue(managers.size() == 2);
    }
}
