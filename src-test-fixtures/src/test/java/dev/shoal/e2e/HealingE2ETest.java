package dev.shoal.e2e;

import com.github.dockerjava.api.model.Container;
import dev.shoal.testing.ShoaldProcess;
import dev.shoal.testing.Swarmctl;
import dev.shoal.testing.TestImages;
import dev.shoal.testing.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A container killed behind Shoal's back ({@code docker kill}) is replaced: its slot gets a new running
 * task, the failed one stays in the slot's history with its exit code, and the other slot is untouched.
 */
class HealingE2ETest {
    private static ShoaldProcess shoald;
    private static Swarmctl ctl;
    private static String nodeId;

    @BeforeAll
    static void launch() {
        TestImages.busybox();
        shoald = ShoaldProcess.launch("e2e-heal");
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
    void aKilledContainerIsReplacedInItsSlot() {
        ctl.ok("service", "create", "--name", "heal", "--replicas", "2", "--restart-delay", "1s",
                "--stop-grace-period", "1s", TestImages.BUSYBOX, "sleep", "3600");
        List<Container> two = Wait.forValue("2 running containers of heal", () -> {
            List<Container> cs = E2e.containers(nodeId, "heal", false);
            return cs.size() == 2 ? cs : null;
        });
        Container victim = two.get(0);
        Container survivor = two.get(1);
        String slot = victim.getLabels().get(E2e.TASK_NAME_LABEL);
        String killedTask = victim.getLabels().get(E2e.TASK_LABEL);

        E2e.docker().killContainerCmd(victim.getId()).exec();

        // The slot's history: a new running task on top, the killed one below it, failed with its exit code.
        List<Map<String, String>> history = Wait.forValue("a new running task for " + slot + " in service ps", () -> {
            List<Map<String, String>> rows = rowsOfSlot(ctl.ok("service", "ps", "--no-trunc", "heal"), slot);
            return rows.size() >= 2 && rows.get(0).get("CURRENT STATE").startsWith("Running") ? rows : null;
        });
        Map<String, String> current = history.get(0);
        assertNotEquals(killedTask, current.get("ID"), history.toString());
        assertEquals(slot, current.get("NAME"), history.toString());
        assertEquals("Running", current.get("DESIRED STATE"), history.toString());

        Map<String, String> failed = history.stream().filter(r -> killedTask.equals(r.get("ID"))).findFirst()
                .orElseThrow(() -> new AssertionError("the killed task " + killedTask + " is in the history: " + history));
        assertEquals("\\_ " + slot, failed.get("NAME"), "history rows are marked \\_: " + history);
        assertEquals("Shutdown", failed.get("DESIRED STATE"), failed.toString());
        assertTrue(failed.get("CURRENT STATE").startsWith("Failed"), failed.toString());
        assertTrue(failed.get("ERROR").contains("non-zero exit (137)"), failed.toString());

        // The engine agrees: two running containers again, the survivor untouched, the new one is the new task's.
        Set<String> running = Wait.forValue("2 running containers of heal again", () -> {
            Set<String> ids = E2e.runningIds(nodeId, "heal");
            return ids.size() == 2 ? ids : null;
        });
        assertTrue(running.contains(survivor.getId()), "the other slot's container is untouched: " + running);
        assertTrue(!running.contains(victim.getId()), running.toString());
        Container replacement = E2e.containers(nodeId, "heal", false).stream()
                .filter(c -> !c.getId().equals(survivor.getId())).findFirst().orElseThrow();
        assertEquals(current.get("ID"), replacement.getLabels().get(E2e.TASK_LABEL));
        assertEquals(slot, replacement.getLabels().get(E2e.TASK_NAME_LABEL));

        Wait.until("service ls to show heal at 2/2", () -> {
            Map<String, String> row = E2e.serviceRow(ctl, "heal");
            return row != null && "2/2".equals(row.get("REPLICAS"));
        });
    }

    /** The rows of one slot, in the table's order: the current task, then its history (NAME {@code \_ slot}). */
    static List<Map<String, String>> rowsOfSlot(String psOutput, String slot) {
        return E2e.table(psOutput).stream()
                .filter(r -> r.get("NAME").equals(slot) || r.get("NAME").equals("\\_ " + slot))
                .toList();
    }
}
