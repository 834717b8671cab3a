package dev.shoal.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoal.testing.ShoaldProcess;
import dev.shoal.testing.Swarmctl;
import dev.shoal.testing.TestImages;
import dev.shoal.testing.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fresh {@code shoald} before and after {@code swarm init}: refusals before, then the one-node cluster as
 * {@code node ls}, {@code node inspect} and the {@code -q} variants show it. The methods run in order on one
 * daemon: the first ones need it uninitialised.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmInitE2ETest {
    private static ShoaldProcess shoald;
    private static Swarmctl ctl;
    private static String nodeId;

    @BeforeAll
    static void launch() {
        TestImages.busybox();
        shoald = ShoaldProcess.launch("e2e-init");
        ctl = shoald.swarmctl();
    }

    @AfterAll
    static void tearDown() {
        if (shoald != null) {
            shoald.close();
        }
    }

    @Test
    @Order(1)
    void beforeInitManagerCommandsAreRefused() {
        List<Swarmctl.Result> results = ctl.runAll(List.of(List.of("service", "ls"), List.of("node", "ls")));
        Swarmctl.Result ls = results.get(0);
        assertTrue(ls.exitCode() != 0, ls.toString());
        assertTrue(ls.stderr().contains("not a swarm manager"), ls.toString());
        assertTrue(ls.stderr().contains("swarm init"), "the message says what to do: " + ls);
        assertEquals("", ls.stdout().trim(), ls.toString());

        Swarmctl.Result nodes = results.get(1);
        assertTrue(nodes.exitCode() != 0, nodes.toString());
        assertTrue(nodes.stderr().contains("not a swarm manager"), nodes.toString());
    }

    @Test
    @Order(2)
    void initMakesThisNodeTheFirstManager() {
        String out = ctl.ok("swarm", "init", "--advertise-addr", "127.0.0.1");
        Matcher m = Pattern.compile("current node \\((\\w+)\\) is now a manager").matcher(out);
        assertTrue(m.find(), out);
        nodeId = m.group(1);
        assertEquals(nodeId, shoald.nodeId(), "the printed id is the one persisted in node.json");

        Swarmctl.Result again = ctl.fails("swarm", "init", "--advertise-addr", "127.0.0.1");
        assertTrue(again.stderr().toLowerCase().contains("already part of a swarm"), again.toString());
    }

    @Test
    @Order(3)
    void nodeLsShowsOneReadyLeader() {
        assertNotNull(nodeId, "swarm init ran");
        String engineVersion = E2e.docker().versionCmd().exec().getVersion();
        Map<String, String> row = Wait.forValue("node ls to show this node Ready", () -> {
            List<Map<String, String>> rows = E2e.table(ctl.ok("node", "ls"));
            assertEquals(1, rows.size(), rows.toString());
            return "Ready".equals(rows.get(0).get("STATUS")) ? rows.get(0) : null;
        });
        assertEquals(nodeId + " *", row.get("ID"), "the current node is starred: " + row);
        assertEquals("e2e-init", row.get("HOSTNAME"), row.toString());
        assertEquals("Active", row.get("AVAILABILITY"), row.toString());
        assertEquals("Leader", row.get("MANAGER STATUS"), row.toString());
        assertEquals(engineVersion, row.get("ENGINE VERSION"), row.toString());
    }

    @Test
    @Order(4)
    void nodeInspectSelfIsThisNodesJson() {
        assertNotNull(nodeId, "swarm init ran");
        List<Swarmctl.Result> results = ctl.runAll(List.of(List.of("node", "inspect", "self"),
                List.of("node", "inspect", nodeId), List.of("node", "inspect", "--pretty", "self")));
        for (Swarmctl.Result r : results) {
            assertEquals(0, r.exitCode(), r.toString());
        }
        JsonNode nodes = E2e.json(results.get(0).stdout());
        assertEquals(1, nodes.size(), nodes.toString());
        JsonNode node = nodes.get(0);
        assertEquals(nodeId, node.path("ID").asText(), node.toString());
        assertEquals("manager", node.path("Spec").path("Role").asText(), node.toString());
        assertEquals("e2e-init", node.path("Description").path("Hostname").asText(), node.toString());
        assertFalse(node.path("Description").path("Engine").path("EngineVersion").asText().isBlank(), node.toString());

        JsonNode byId = E2e.json(results.get(1).stdout());
        assertEquals(nodeId, byId.get(0).path("ID").asText(), byId.toString());

        String pretty = results.get(2).stdout();
        assertTrue(pretty.contains(nodeId), pretty);
    }

    @Test
    @Order(5)
    void quietVariantsPrintOnlyIds() {
        assertNotNull(nodeId, "swarm init ran");
        assertEquals(List.of(nodeId), E2e.lines(ctl.ok("node", "ls", "-q")));
        assertEquals("", ctl.ok("service", "ls", "-q").trim(), "no services yet");

        String serviceId = ctl.ok("service", "create", "--name", "quiet", "--stop-grace-period", "1s",
                TestImages.BUSYBOX, "sleep", "3600").trim();
        assertTrue(serviceId.matches("\\w+"), "create prints the service id: " + serviceId);
        String shortId = serviceId.substring(0, 12);
        assertEquals(List.of(shortId), ctl.run("service", "ls", "-q").lines(),
                "service ls -q prints the (truncated, as docker does) id only");

        List<Map<String, String>> ps = Wait.forValue("a task of quiet", () -> {
            List<Map<String, String>> rows = E2e.table(ctl.ok("service", "ps", "--no-trunc", "quiet"));
            return rows.isEmpty() ? null : rows;
        });
        List<String> taskIds = ctl.run("service", "ps", "-q", "--no-trunc", "quiet").lines();
        assertEquals(ps.stream().map(r -> r.get("ID")).toList(), taskIds,
                "-q prints the ids of the table's rows, nothing else");
        for (String id : taskIds) {
            assertTrue(id.matches("\\w+"), "only ids: " + taskIds);
        }

        // SHOAL_HOST works as -H does.
        Swarmctl viaEnv = new Swarmctl(ShoaldProcess.repoRoot(), null, Map.of("SHOAL_HOST", shoald.apiHost()));
        assertEquals(List.of(shortId), viaEnv.run("service", "ls", "-q").lines());

    }
}
