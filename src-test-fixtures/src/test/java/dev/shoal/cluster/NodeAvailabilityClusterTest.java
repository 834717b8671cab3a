package dev.shoal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.manager.controlapi.TaskFilter;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.Placement;
import dev.shoal.model.PlacementPreference;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.testing.FakeEngine;
import dev.shoal.testing.InProcessCluster;
import dev.shoal.testing.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node labels, spread preferences and drain through the whole manager, with two workers on fake engines. */
class NodeAvailabilityClusterTest {
    @TempDir
    Path dir;
    InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = InProcessCluster.start(dir, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void updateNode(String id, UnaryOperator<dev.shoal.model.NodeSpec> change) {
        Node n = cluster.api().getNode(id);
        cluster.api().updateNode(id, n.version().index(), change.apply(n.spec()));
    }

    /** Running containers of {@code service} per node id. */
    private Map<String, Integer> running(String service) {
        Map<String, Integer> m = new HashMap<>();
        for (FakeEngine.Container c : cluster.allContainers()) {
            if (c.state().running() && service.equals(c.config().labels().get("dev.shoal.service.name"))) m.merge(c.nodeId(), 1, Integer::sum);
        }
        return m;
    }

    private int total(Map<String, Integer> m) { return m.values().stream().mapToInt(Integer::intValue).sum(); }

    private long runningTasksOff(String service, String nodeId) {
        return cluster.api().listTasks(TaskFilter.fromArgs(Map.of("service", List.of(service)))).stream()
                .filter(t -> t.state() == TaskState.RUNNING && t.desiredState() == TaskState.RUNNING && !nodeId.equals(t.nodeId())).count();
    }

    @Test
    void spreadOverLabelGroupsThenDrainAWorker() {
        String w1 = cluster.addWorker("worker-1").nodeId();
        String w2 = cluster.addWorker("worker-2").nodeId();
        String mgr = cluster.managerNodeId();
        updateNode(mgr, s -> s.withLabels(Map.of("zone", "a")));
        updateNode(w1, s -> s.withLabels(Map.of("zone", "b")));
        updateNode(w2, s -> s.withLabels(Map.of("zone", "b")));

        ServiceSpec plain = InProcessClusterTest.service("spread", 6);
        TaskSpec t = plain.taskTemplate();
        ServiceSpec spread = new ServiceSpec("spread", null, new TaskSpec(t.containerSpec(), t.resources(), t.restartPolicy(),
                new Placement(List.of(), List.of(PlacementPreference.spread("node.labels.zone")), null), null), plain.mode(), null);
        cluster.api().createService(spread);
        Wait.until("6 running", () -> total(running("spread")) == 6);
        Map<String, Integer> per = running("spread");
        assertEquals(3, per.get(mgr), "zone a (one node) gets half: " + per);
        assertEquals(3, per.getOrDefault(w1, 0) + per.getOrDefault(w2, 0), "zone b (two nodes) the other half: " + per);

        cluster.api().createService(InProcessClusterTest.service("web", 3));
        Wait.until("3 web running", () -> total(running("web")) == 3);

        updateNode(w1, s -> s.withAvailability(NodeAvailability.DRAIN));
        Wait.until("nothing runs on the drained worker", () -> !running("web").containsKey(w1) && !running("spread").containsKey(w1));
        Wait.until("web's tasks run elsewhere", () -> runningTasksOff("web", w1) == 3);
        Wait.until("spread's tasks run elsewhere", () -> runningTasksOff("spread", w1) == 6);

        var web = cluster.api().getService("web");
        cluster.api().updateService("web", web.version().index(), web.spec().withMode(ServiceMode.replicated(8)));
        Wait.until("8 web running", () -> total(running("web")) == 8);
        assertEquals(null, running("web").get(w1), "nothing new lands on a drained node");
    }
}
