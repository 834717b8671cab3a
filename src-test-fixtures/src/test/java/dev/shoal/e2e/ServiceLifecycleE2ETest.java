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

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One service through its whole life on a one-node cluster and the real engine: create with env and labels,
 * ls/ps/inspect, scale up, scale down, remove — each step checked on the containers themselves.
 */
class ServiceLifecycleE2ETest {
    private static ShoaldProcess shoald;
    private static Swarmctl ctl;
    private static String nodeId;

    @BeforeAll
    static void launch() {
        TestImages.busybox();
        shoald = ShoaldProcess.launch("e2e-life");
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
        List<Map<String, String>> ps = E2e.table(ctl.ok("service", "ps", "--no-trunc", "web"));
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
        JsonNode services = E2e.json(ctl.ok("service", "inspect", "web"));
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
        assertEquals("", ctl.ok("service", "ls", "-q").trim(), "no service left");
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
