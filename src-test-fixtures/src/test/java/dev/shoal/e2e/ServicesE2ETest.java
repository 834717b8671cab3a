package dev.shoal.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.shoal.testing.ShoaldProcess;
import dev.shoal.testing.Swarmctl;
import dev.shoal.testing.TestImages;
import dev.shoal.testing.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Services on a one-node cluster and the real engine: one service through its whole life (create with env and
 * labels, ls/ps/inspect, scale up, scale down, remove) and healing after a container is killed — each step
 * checked on the containers themselves. The tests are independent (different services) and share one daemon.
 */
class ServicesE2ETest {
    private static ShoaldProcess shoald;
    private static Swarmctl ctl;
    private static String nodeId;

    @BeforeAll
    static void launch() {
        TestImages.busybox();
        shoald = ShoaldProcess.launch("e2e-services");
        ctl = shoald.swarmctl();
        nodeId = E2e.init(shoald);
    }

    @AfterAll
    static void tearDown() {
        if (shoald != null) {
            shoald.close();
        }
    }

    private static Set<String> waitForRunning(String service, int n) {
        return Wait.forValue(n + " running containers of " + service, () -> {
            Set<String> ids = E2e.runningIds(nodeId, service);
            return ids.size() == n ? ids : null;
        });
    }

    private static void waitForReplicas(String service, String replicas) {
        Wait.until("service ls to show " + service + " at " + replicas, () -> {
            Map<String, String> row = E2e.serviceRow(ctl, service);
            return row != null && replicas.equals(row.get("REPLICAS"));
        });
    }

    @Test
    void createListInspectScaleAndRemove() {
        String serviceId = ctl.ok("service", "create", "--name", "web", "--replicas", "3",
                "-e", "NAME=World", "-l", "a=b", "--container-label", "c=d", "--stop-grace-period", "1s",
                TestImages.BUSYBOX, "sleep", "3600").trim();
        assertTrue(serviceId.matches("\\w{20,}"), "create prints the new service's id: " + serviceId);

        // Three real containers, with the env and the container label (the service label stays on the service).
        Set<String> first = waitForRunning("web", 3);
        Set<String> slots = new TreeSet<>();
        for (String id : first) {
            InspectContainerResponse c = E2e.docker().inspectContainerCmd(id).exec();
            List<String> env = Arrays.asList(c.getConfig().getEnv());
            assertTrue(env.contains("NAME=World"), "env of " + c.getName() + ": " + env);
            Map<String, String> labels = c.getConfig().getLabels();
            assertEquals("d", labels.get("c"), "labels of " + c.getName() + ": " + labels);
            assertFalse(labels.containsKey("a"), "the service label is not a container label: " + labels);
            assertEquals(nodeId, labels.get(E2e.NODE_LABEL));
            assertEquals(List.of("sleep", "3600"), Arrays.asList(c.getConfig().getCmd()));
            String taskName = labels.get(E2e.TASK_NAME_LABEL);
            assertEquals("/" + taskName + "." + labels.get(E2e.TASK_LABEL), c.getName(),
                    "containers are named <service>.<slot>.<taskId>");
            slots.add(taskName);
        }
        assertEquals(Set.of("web.1", "web.2", "web.3"), slots);

        // service ls
        waitForReplicas("web", "3/3");
        Map<String, String> row = E2e.serviceRow(ctl, "web");
        assertEquals(serviceId.substring(0, 12), row.get("ID"), row.toString());
        assertEquals("replicated", row.get("MODE"), row.toString());
        assertEquals(TestImages.BUSYBOX.replace(":latest", ""), row.get("IMAGE").replace(":latest", ""), row.toString());

        // service ps: web.1..web.3, Running, and the tasks are the containers' tasks
        List<Swarmctl.Result> views = ctl.runAll(List.of(
                List.of("service", "ps", "--no-trunc", "web"), List.of("service", "inspect", "web")));
        for (Swarmctl.Result view : views) {
            assertEquals(0, view.exitCode(), view.toString());
        }
        List<Map<String, String>> ps = E2e.table(views.get(0).stdout());
        assertEquals(3, ps.size(), ps.toString());
        Set<String> psTasks = new HashSet<>();
        for (Map<String, String> task : ps) {
            assertEquals("Running", task.get("DESIRED STATE"), task.toString());
            assertTrue(task.get("CURRENT STATE").startsWith("Running"), task.toString());
            assertEquals(shoald.hostname(), task.get("NODE"), task.toString());
            assertEquals("", task.get("ERROR"), task.toString());
            psTasks.add(task.get("ID"));
        }
        assertEquals(Set.of("web.1", "web.2", "web.3"), ps.stream().map(t -> t.get("NAME")).collect(Collectors.toSet()));
        assertEquals(taskIdsOf("web"), psTasks, "service ps lists the tasks whose containers run");

        // service inspect: the spec as given
        JsonNode services = E2e.json(views.get(1).stdout());
        assertEquals(1, services.size(), services.toString());
        JsonNode spec = services.get(0).path("Spec");
        assertEquals(serviceId, services.get(0).path("ID").asText());
        assertEquals("web", spec.path("Name").asText());
        assertEquals(3, spec.path("Mode").path("Replicated").path("Replicas").asInt(), spec.toString());
        JsonNode container = spec.path("TaskTemplate").path("ContainerSpec");
        assertEquals("[\"NAME=World\"]", container.path("Env").toString(), spec.toString());
        assertEquals("{\"a\":\"b\"}", spec.path("Labels").toString(), spec.toString());
        assertEquals("{\"c\":\"d\"}", container.path("Labels").toString(), spec.toString());
        assertEquals(1_000_000_000L, container.path("StopGracePeriod").asLong(), spec.toString());

        // scale up: three more, the first three untouched
        Swarmctl.Result up = ctl.run("service", "scale", "web=6");
        assertEquals(0, up.exitCode(), up.toString());
        assertTrue(up.stdout().contains("web"), up.toString());
        Set<String> six = waitForRunning("web", 6);
        assertTrue(six.containsAll(first), "scaling up leaves the running containers alone: " + first + " vs " + six);
        waitForReplicas("web", "6/6");
        assertEquals(6, E2e.json(ctl.ok("service", "inspect", "web")).get(0)
                .path("Spec").path("Mode").path("Replicated").path("Replicas").asInt());

        // scale down: two keep running, the others stop (and may be removed)
        ctl.ok("service", "scale", "web=2");
        Set<String> two = waitForRunning("web", 2);
        assertTrue(six.containsAll(two), "scaling down keeps two of the six: " + two);
        waitForReplicas("web", "2/2");
        List<Map<String, String>> running = E2e.table(ctl.ok("service", "ps", "-f", "desired-state=running", "web"));
        assertEquals(2, running.size(), running.toString());

        // remove: every container goes, and the service is gone
        assertEquals("web", ctl.ok("service", "rm", "web").trim());
        Wait.until("no container of web left", () -> E2e.containers(nodeId, "web", true).isEmpty());
        Swarmctl.Result gone = ctl.fails("service", "ps", "web");
        assertTrue(gone.stderr().contains("web") && gone.stderr().contains("not found"), gone.toString());
        assertEquals(null, E2e.serviceRow(ctl, "web"), "service ls no longer lists web");
    }

    /**
     * A container killed behind Shoal's back ({@code docker kill}) is replaced: its slot gets a new running
     * task, the failed one stays in the slot's history with its exit code, and the other slot is untouched.
     */
    @Test
    void anUpdateWhoseNewImageCannotBePulledRollsBackOnItsOwn() {
        // --detach=false: swarmctl waits, as docker does, and says when the service has converged
        String created = ctl.ok("service", "create", "--detach=false", "--name", "roll", "--replicas", "2", "--stop-grace-period", "1s",
                "--restart-delay", "1s", "--update-failure-action", "rollback", "--rollback-monitor", "1s", TestImages.BUSYBOX, "sleep", "3600");
        assertTrue(created.endsWith("overall progress: 2 out of 2 tasks\nverify: Service converged\n"), created);
        waitForRunning("roll", 2);
        Swarmctl.Result update = ctl.run("service", "update", "--detach=false", "--image", "shoal/no-such-image:1", "roll");
        assertEquals(1, update.exitCode(), update.toString());
        assertTrue(update.stderr().contains("roll: update rolled back: a new task failed"), update.toString());
        assertEquals("rollback_completed", E2e.json(ctl.ok("service", "inspect", "roll")).get(0).at("/UpdateStatus/State").asText());
        JsonNode service = E2e.json(ctl.ok("service", "inspect", "roll")).get(0);
        assertEquals(TestImages.BUSYBOX, service.at("/Spec/TaskTemplate/ContainerSpec/Image").asText());
        assertEquals("shoal/no-such-image:1", service.at("/PreviousSpec/TaskTemplate/ContainerSpec/Image").asText());
        assertTrue(ctl.ok("service", "inspect", "--pretty", "roll").contains("UpdateStatus:\n State:\t\trollback_completed\n"));
        waitForRunning("roll", 2);
        ctl.ok("service", "rm", "roll");
        Wait.until("roll's containers to be gone", () -> E2e.containers(nodeId, "roll", true).isEmpty());
    }

    @Test
    void createMountsASecretAndAnEnvFileAsDockerFlagsSay() throws Exception {
        Path dir = Files.createTempDirectory("e2e-secret");
        Files.writeString(dir.resolve("pw.txt"), "s3cret");
        Files.writeString(dir.resolve("app.env"), "# app\nGREETING=hello\n");
        ctl.ok("secret", "create", "e2e_pw", dir.resolve("pw.txt").toString());
        ctl.ok("service", "create", "--name", "sec", "--secret", "source=e2e_pw,target=db_pw,mode=0400",
                "--env-file", dir.resolve("app.env").toString(), "--stop-grace-period", "1s", TestImages.BUSYBOX, "sleep", "3600");
        String id = waitForRunning("sec", 1).iterator().next();
        assertEquals("s3cret", E2e.exec(id, "cat", "/run/secrets/db_pw"));
        assertTrue(Arrays.asList(E2e.docker().inspectContainerCmd(id).exec().getConfig().getEnv()).contains("GREETING=hello"));
        ctl.ok("service", "rm", "sec");
        Wait.until("sec's containers to be gone", () -> E2e.containers(nodeId, "sec", true).isEmpty());
        ctl.ok("secret", "rm", "e2e_pw");
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

    private static Set<String> taskIdsOf(String service) {
        Set<String> ids = new HashSet<>();
        for (Container c : E2e.containers(nodeId, service, false)) {
            String task = c.getLabels().get(E2e.TASK_LABEL);
            assertNotNull(task, "container " + c.getId() + " has a task label");
            ids.add(task);
        }
        return ids;
    }
}
