package dev.shoal.e2e;

import dev.shoal.testing.ShoaldProcess;
import dev.shoal.testing.Swarmctl;
import dev.shoal.testing.TestImages;
import dev.shoal.testing.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tutorial's cluster with real daemons on one engine: one manager initialises, two more managers
 * and a worker join with tokens over mutual TLS (wrong and foreign tokens are refused and change
 * nothing), a worker answers manager-only commands with Swarm's message, a worker is promoted and
 * demoted, and after {@code kill -9} of the Raft leader another manager accepts writes and the service
 * converges with no task lost or duplicated; with quorum lost, the last manager answers reads, refuses
 * writes with a clear message and recovers the swarm with {@code swarm init --force-new-cluster}.
 */
class ClusterE2ETest {
    private static final List<ShoaldProcess> daemons = new ArrayList<>();
    private static ShoaldProcess m1;
    private static ShoaldProcess m2;
    private static ShoaldProcess m3;
    private static ShoaldProcess w1;

    @BeforeAll
    static void launch() {
        TestImages.busybox();
        m1 = start("e2e-m1");
        m2 = start("e2e-m2");
        m3 = start("e2e-m3");
        w1 = start("e2e-w1");
    }

    private static ShoaldProcess start(String name) {
        ShoaldProcess p = ShoaldProcess.launch(name);
        daemons.add(p);
        return p;
    }

    @AfterAll
    static void tearDown() {
        for (ShoaldProcess p : daemons) p.close();
    }

    private static String managerAddr(ShoaldProcess p) { return "127.0.0.1:" + p.clusterPort(); }

    /** node ls as seen by {@code ctl}, by hostname. */
    private static Map<String, Map<String, String>> nodes(Swarmctl ctl) {
        Map<String, Map<String, String>> out = new java.util.TreeMap<>();
        for (Map<String, String> row : E2e.table(ctl.ok("node", "ls"))) out.put(row.get("HOSTNAME"), row);
        return out;
    }

    @Test
    void joinPromoteDemoteAndSurviveTheLeadersDeath() {
        Swarmctl c1 = m1.swarmctl();
        E2e.init(m1);
        String workerToken = c1.ok("swarm", "join-token", "-q", "worker").trim();
        String managerToken = c1.ok("swarm", "join-token", "-q", "manager").trim();
        assertNotEquals(workerToken, managerToken);
        assertTrue(c1.ok("swarm", "join-token", "worker").contains("swarmctl swarm join --token " + workerToken + " "));

        // A wrong secret and a token pinning another CA are refused; nothing changes.
        String wrongSecret = workerToken.substring(0, workerToken.length() - 5) + "00000";
        Swarmctl.Result refused = w1.swarmctl().run("swarm", "join", "--token", wrongSecret, managerAddr(m1));
        assertTrue(refused.exitCode() != 0 && refused.stderr().contains("valid join token"), refused.toString());
        String foreign = "SWMTKN-1-" + "0".repeat(50) + workerToken.substring(workerToken.length() - 26);
        refused = w1.swarmctl().run("swarm", "join", "--token", foreign, managerAddr(m1));
        assertTrue(refused.exitCode() != 0 && refused.stderr().contains("does not match the join token"), refused.toString());
        refused = w1.swarmctl().run("swarm", "join", "--token", "SWMTKN-1-pasted-wrong", managerAddr(m1));
        assertTrue(refused.exitCode() != 0 && refused.stderr().contains("invalid join token"), refused.toString());
        assertEquals(1, nodes(c1).size(), "no node was added by the refused joins");
        assertTrue(w1.swarmctl().fails("node", "ls").stderr().contains("This node is not a swarm manager"));

        // Two managers and a worker join.
        assertTrue(m2.swarmctl().ok("swarm", "join", "--token", managerToken, managerAddr(m1)).contains("as a manager"));
        assertTrue(m3.swarmctl().ok("swarm", "join", "--token", managerToken, managerAddr(m2)).contains("as a manager"));
        assertTrue(w1.swarmctl().ok("swarm", "join", "--token", workerToken, managerAddr(m1)).contains("as a worker"));
        for (ShoaldProcess p : daemons) p.recordNodeId();
        Wait.until("4 nodes Ready: one Leader, two Reachable managers, one worker", Duration.ofSeconds(60), () -> {
            Map<String, Map<String, String>> n = nodes(c1);
            if (n.size() != 4) return false;
            List<String> status = new ArrayList<>();
            for (Map<String, String> row : n.values()) {
                if (!"Ready".equals(row.get("STATUS"))) return false;
                status.add(row.get("MANAGER STATUS"));
            }
            status.sort(null);
            return status.equals(List.of("", "Leader", "Reachable", "Reachable"));
        });
        assertTrue(w1.swarmctl().fails("service", "ls").stderr().contains("This node is not a swarm manager"));
        assertTrue(m3.swarmctl().ok("node", "ls").contains(m3.nodeId() + " *"), "the answering node is marked");

        // A rotated token stops working at once.
        String rotated = c1.ok("swarm", "join-token", "--rotate", "-q", "worker").trim();
        assertNotEquals(workerToken, rotated);

        // Promote the worker: it joins the Raft group; demote it again.
        assertTrue(c1.ok("node", "promote", "e2e-w1").contains("promoted"));
        Wait.until("e2e-w1 is a Reachable manager", Duration.ofSeconds(60),
                () -> "Reachable".equals(nodes(c1).get("e2e-w1").get("MANAGER STATUS")));
        assertTrue(w1.swarmctl().ok("node", "ls").contains("e2e-w1"), "a promoted node answers manager commands");
        assertTrue(c1.ok("node", "demote", "e2e-w1").contains("demoted"));
        Wait.until("e2e-w1 is a worker again", Duration.ofSeconds(60), () -> "".equals(nodes(c1).get("e2e-w1").get("MANAGER STATUS")));
        Wait.until("the demoted node stops answering manager commands", Duration.ofSeconds(30),
                () -> !w1.swarmctl().run("node", "ls").ok());

        // A service created through a follower runs across the cluster.
        ShoaldProcess follower = m1;
        for (ShoaldProcess p : List.of(m1, m2, m3)) {
            if (!"Leader".equals(nodes(c1).get(p.hostname()).get("MANAGER STATUS"))) follower = p;
        }
        follower.swarmctl().ok("service", "create", "--name", "web", "--replicas", "4", "--stop-grace-period", "1s",
                TestImages.BUSYBOX, "sleep", "3600");
        Wait.until("web at 4/4", Duration.ofSeconds(60), () -> "4/4".equals(E2e.serviceRow(c1, "web").get("REPLICAS")));

        // kill -9 the leader: another manager takes writes; the service converges without duplicates.
        ShoaldProcess leader = null;
        for (ShoaldProcess p : List.of(m1, m2, m3)) {
            if ("Leader".equals(nodes(c1).get(p.hostname()).get("MANAGER STATUS"))) leader = p;
        }
        assertTrue(leader != null, "a leader is listed");
        leader.kill();
        ShoaldProcess survivor = leader == m1 ? m2 : m1;
        Swarmctl cs = survivor.swarmctl();
        Wait.until("a surviving manager accepts a write", Duration.ofSeconds(30),
                () -> cs.run("service", "scale", "web=5").ok());
        String dead = leader.hostname();
        Wait.until("web has 5 running tasks, none on the dead node, and the dead node is Down", Duration.ofSeconds(90), () -> {
            if (!"Down".equals(nodes(cs).get(dead).get("STATUS"))) return false;
            List<Map<String, String>> running = E2e.table(cs.ok("service", "ps", "web", "-f", "desired-state=running"));
            Set<String> slots = new TreeSet<>();
            for (Map<String, String> t : running) {
                if (!t.get("CURRENT STATE").startsWith("Running") || dead.equals(t.get("NODE"))) return false;
                slots.add(t.get("NAME"));
            }
            return running.size() == 5 && slots.size() == 5;
        });
        assertFalse(nodes(cs).get(dead).get("MANAGER STATUS").equals("Leader"), "the dead manager no longer leads");

        // Quorum lost: the last manager standing still answers reads, refuses writes clearly, and
        // recovers the swarm from its own data with --force-new-cluster.
        ShoaldProcess other = null;
        for (ShoaldProcess p : List.of(m1, m2, m3)) if (p != leader && p != survivor) other = p;
        other.kill();
        assertTrue(cs.ok("node", "ls").contains(survivor.hostname()), "reads still work");
        Swarmctl.Result noQuorum = cs.run("service", "scale", "web=3");
        assertTrue(noQuorum.exitCode() != 0 && noQuorum.stderr().contains("quorum"), noQuorum.toString());
        assertTrue(cs.ok("swarm", "init", "--force-new-cluster").contains(survivor.nodeId()));
        Map<String, Map<String, String>> after = nodes(cs);
        assertEquals("Leader", after.get(survivor.hostname()).get("MANAGER STATUS"));
        assertEquals("", after.get(other.hostname()).get("MANAGER STATUS"), "the lost managers are no longer managers");
        cs.ok("service", "scale", "web=3");
        Wait.until("web converges to 3 running tasks on the new cluster", Duration.ofSeconds(90), () -> {
            List<Map<String, String>> running = E2e.table(cs.ok("service", "ps", "web", "-f", "desired-state=running"));
            if (running.size() != 3) return false;
            for (Map<String, String> t : running) if (!t.get("CURRENT STATE").startsWith("Running")) return false;
            return true;
        });
    }
}
