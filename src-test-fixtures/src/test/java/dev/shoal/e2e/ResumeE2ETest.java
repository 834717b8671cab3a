package dev.shoal.e2e;

import com.github.dockerjava.api.model.Container;
import dev.shoal.testing.ShoaldProcess;
import dev.shoal.testing.Swarmctl;
import dev.shoal.testing.TestImages;
import dev.shoal.testing.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code shoald} stopped (SIGTERM) and started again on the same data dir and ports resumes where it was:
 * same node, same service, the very same containers; a container left behind for a task that does not
 * exist is removed, and a task whose container vanished meanwhile is replaced.
 */
class ResumeE2ETest {
    private static ShoaldProcess shoald;
    private static Swarmctl ctl;
    private static String nodeId;

    @BeforeAll
    static void launch() {
        TestImages.busybox();
        shoald = ShoaldProcess.launch("e2e-resume");
        ctl = shoald.swarmctl();
        nodeId = E2e.init(shoald);
    }

    @AfterAll
    static void tearDown() {
        if (shoald != null) {
            shoald.close();
        }
    }

    @Test
    void restartedDaemonKeepsItsNodeServiceAndContainers() throws Exception {
        String serviceId = ctl.ok("service", "create", "--name", "keep", "--replicas", "3",
                "--stop-grace-period", "1s", TestImages.BUSYBOX, "sleep", "3600").trim();
        Set<String> before = Wait.forValue("3 running containers of keep", () -> {
            Set<String> ids = E2e.runningIds(nodeId, "keep");
            return ids.size() == 3 ? ids : null;
        });
        Set<String> tasksBefore = new TreeSet<>(E2e.lines(ctl.ok("service", "ps", "-q", "--no-trunc", "keep")));
        assertEquals(3, tasksBefore.size(), tasksBefore.toString());
        ctl.ok("service", "create", "--name", "lost", "--stop-grace-period", "1s", TestImages.BUSYBOX, "sleep", "3600");
        String lostContainer = Wait.forValue("the container of lost", () -> {
            Set<String> ids = E2e.runningIds(nodeId, "lost");
            return ids.size() == 1 ? ids.iterator().next() : null;
        });

        shoald.stop();
        assertFalse(shoald.isRunning());

        // While shoald is down, a container appears that claims this node but belongs to no task.
        String leftover = docker("run", "-d", "--label", E2e.NODE_LABEL + "=" + nodeId,
                "--label", E2e.TASK_LABEL + "=bogus", TestImages.BUSYBOX, "sleep", "300").trim();
        // ... and the container of a real task disappears.
        docker("rm", "-f", lostContainer);

        shoald.start();

        // Same node, same service.
        List<Swarmctl.Result> after = ctl.runAll(List.of(List.of("node", "ls", "-q"), List.of("service", "inspect", "keep")));
        assertEquals(List.of(nodeId), after.get(0).lines(), after.get(0).toString());
        assertEquals(0, after.get(1).exitCode(), after.get(1).toString());
        assertEquals(serviceId, E2e.json(after.get(1).stdout()).get(0).path("ID").asText());
        Map<String, String> node = Wait.forValue("the node Ready again", () -> {
            Map<String, String> row = E2e.table(ctl.ok("node", "ls")).get(0);
            return "Ready".equals(row.get("STATUS")) ? row : null;
        });
        assertEquals(nodeId + " *", node.get("ID"), node.toString());
        assertEquals("Leader", node.get("MANAGER STATUS"), node.toString());
        Wait.until("service ls to show keep at 3/3", () -> {
            Map<String, String> row = E2e.serviceRow(ctl, "keep");
            return row != null && "3/3".equals(row.get("REPLICAS"));
        });

        // The leftover goes (it runs sleep as PID 1, which ignores SIGTERM, so stopping it takes a grace period).
        Wait.until("the leftover container to be removed", Duration.ofSeconds(60),
                () -> E2e.docker().listContainersCmd().withShowAll(true)
                        .withIdFilter(List.of(leftover)).exec().isEmpty());

        // The same three containers, and nothing else of this node's.
        List<Container> all = E2e.containers(nodeId, "keep", true);
        assertEquals(before, all.stream().map(Container::getId).collect(Collectors.toCollection(TreeSet::new)),
                "the very same containers, no duplicates:\n" + E2e.describe(all));
        assertTrue(all.stream().allMatch(c -> "running".equals(c.getState())), E2e.describe(all));
        Set<String> tasksAfter = new TreeSet<>(E2e.lines(ctl.ok("service", "ps", "-q", "--no-trunc", "keep")));
        assertEquals(tasksBefore, tasksAfter, "no task was replaced");

        // The task whose container vanished while shoald was down is replaced.
        String replacement = Wait.forValue("a new container for lost", () -> {
            Set<String> ids = E2e.runningIds(nodeId, "lost");
            return ids.size() == 1 && !ids.contains(lostContainer) ? ids.iterator().next() : null;
        });
        List<Map<String, String>> lost = E2e.table(ctl.ok("service", "ps", "lost"));
        assertTrue(lost.size() >= 2 && lost.get(0).get("CURRENT STATE").startsWith("Running")
                && lost.get(1).get("NAME").equals("\\_ lost.1") && lost.get(1).get("CURRENT STATE").startsWith("Failed"),
                "the vanished task failed and was replaced:\n" + lost);
        assertEquals(before.size() + 1, E2e.containers(nodeId, null, true).size(),
                "keep's three and lost's replacement " + replacement.substring(0, 12) + ", nothing else:\n"
                        + E2e.describe(E2e.containers(nodeId, null, true)));
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add("docker");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker finished");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }
}
