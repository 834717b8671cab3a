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

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #4's failures on real hosts: 3 managers (shoal-h1..h3) and 2 workers (shoal-h4, shoal-h5), one
 * service of 10 replicas; a worker killed, a worker cut off by link-down and healed, the leader killed.
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
        List<String[]> out = new ArrayList<>();
        for (String line : tb.swarmctl(via).run("node", "ls").lines()) {
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

    @Test
    @Order(3)
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
