package dev.shoal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.Agent;
import dev.shoal.manager.controlapi.TaskFilter;
import dev.shoal.security.TlsContexts;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.NodeState;
import dev.shoal.model.RestartPolicy;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole manager (Ratis on disk, loops, dispatcher over Netty) with agents on fake engines, in one JVM. */
class InProcessClusterTest {
    @TempDir
    Path dir;
    InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = InProcessCluster.start(dir, Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    static ServiceSpec service(String name, long replicas) {
        ContainerSpec c = new ContainerSpec("shoal/busybox", null, null, List.of("sleep", "3600"), List.of("NAME=World"),
                null, null, null, 1_000_000_000L);
        RestartPolicy fast = new RestartPolicy(null, 100_000_000L, null, null);
        return new ServiceSpec(name, null, new TaskSpec(c, null, fast, null, null), ServiceMode.replicated(replicas), null);
    }

    private List<FakeEngine.Container> running(String service) {
        return cluster.allContainers().stream()
                .filter(c -> c.state().running() && service.equals(c.config().labels().get("dev.shoal.service.name")))
                .collect(Collectors.toList());
    }

    private List<Task> tasks(String service) {
        return cluster.api().listTasks(TaskFilter.fromArgs(Map.of("service", List.of(service))));
    }

    @Test
    void replicasSpreadOverNodesAndScale() {
        cluster.addWorker("worker-1");
        cluster.addWorker("worker-2");
        cluster.api().createService(service("web", 9));
        Wait.until("9 running containers", () -> running("web").size() == 9);
        Map<String, Integer> perNode = new HashMap<>();
        for (FakeEngine.Container c : running("web")) perNode.merge(c.nodeId(), 1, Integer::sum);
        assertEquals(3, perNode.size(), "one engine per node: " + perNode);
        perNode.values().forEach(n -> assertEquals(3, n, "an even spread: " + perNode));
        Wait.until("every task reported running", () -> tasks("web").stream()
                .filter(t -> t.state() == TaskState.RUNNING).count() == 9);

        var svc = cluster.api().getService("web");
        cluster.api().updateService("web", svc.version().index(), svc.spec().withMode(ServiceMode.replicated(3)));
        Wait.until("3 running containers", () -> running("web").size() == 3);

        cluster.api().removeService("web");
        Wait.until("no container left", () -> cluster.allContainers().stream()
                .noneMatch(c -> "web".equals(c.config().labels().get("dev.shoal.service.name"))));
        Wait.until("no task left", () -> cluster.store().view(tx -> tx.tasks().isEmpty()));
    }

    @Test
    void aContainerThatDiesIsReplacedInItsSlot() {
        cluster.api().createService(service("web", 2));
        Wait.until("2 running containers", () -> running("web").size() == 2);
        FakeEngine.Container victim = running("web").get(0);
        String slotTask = victim.config().labels().get("dev.shoal.task.id");
        cluster.managerEngine().kill(victim.id(), 137);
        Wait.until("the failed task is recorded", () -> tasks("web").stream()
                .anyMatch(t -> t.id().equals(slotTask) && t.state() == TaskState.FAILED
                        && t.status().err().contains("non-zero exit (137)")));
        Wait.until("2 running again", () -> running("web").size() == 2);
        Task failed = cluster.store().view(tx -> tx.task(slotTask));
        Wait.until("a new running task in the same slot", () -> tasks("web").stream()
                .anyMatch(t -> t.slot() == failed.slot() && !t.id().equals(slotTask) && t.state() == TaskState.RUNNING));
    }

    @Test
    void aSilentNodeGoesDownAndItsTasksMove() {
        InProcessCluster.Worker w = cluster.addWorker("worker-1");
        cluster.api().createService(service("web", 4));
        Wait.until("4 running containers", () -> running("web").size() == 4);
        assertTrue(w.engine().containers().size() > 0, "the worker got some tasks");
        cluster.killWorker(w);
        Wait.until("the worker is down", () -> cluster.store().view(tx -> tx.node(w.nodeId()).status().state() == NodeState.DOWN));
        Wait.until("4 running tasks on live nodes", () -> tasks("web").stream()
                .filter(t -> t.state() == TaskState.RUNNING && t.desiredState() == TaskState.RUNNING
                        && !t.nodeId().equals(w.nodeId())).count() == 4);

        // It comes back: the tasks that moved away are not its any more, so its stale containers stop,
        // and the service keeps exactly four running tasks.
        cluster.reviveWorker(w);
        Wait.until("the worker is ready again", () -> cluster.store().view(tx -> tx.node(w.nodeId()).isReady()));
        Wait.until("the worker's stale containers are stopped", () -> w.engine().containers().stream().noneMatch(c -> c.state().running()));
        assertEquals(4, running("web").size(), "nothing runs twice");
    }

    @Test
    void aRestartedManagerAdoptsItsContainers() throws Exception {
        cluster.api().createService(service("web", 3));
        Wait.until("3 running containers", () -> running("web").size() == 3);
        Set<String> before = running("web").stream().map(FakeEngine.Container::id).collect(Collectors.toSet());
        String nodeId = cluster.managerNodeId();
        cluster.restartManager();
        assertEquals(nodeId, cluster.managerNodeId());
        Wait.until("the service is back", () -> cluster.api().listServices(false).size() == 1);
        Wait.until("the agent re-registered", () -> cluster.store().view(tx -> tx.node(nodeId).isReady()));
        Wait.until("every task running", () -> tasks("web").stream().filter(t -> t.state() == TaskState.RUNNING).count() == 3);
        Set<String> after = running("web").stream().map(FakeEngine.Container::id).collect(Collectors.toSet());
        assertEquals(before, after, "the same containers, none started twice");
        assertEquals(3, cluster.allContainers().size());
    }

    @Test
    void anAgentMayOnlyRegisterAsTheNodeItsCertificateNames() {
        InProcessCluster.Worker w = cluster.addWorker("worker-1");
        FakeEngine engine = new FakeEngine().acceptAnyImage(true);
        // A certificate of this cluster, but for another node id than the one claimed.
        try (Agent impostor = new Agent(w.nodeId(), cluster.dispatcherAddress(), engine, java.time.Clock.systemUTC(), "impostor",
                TlsContexts.client(cluster.credentialsFor(w.nodeId(), "someone-else"))).start()) {
            Wait.until("the impostor is refused", () -> impostor.lastRefusal() != null);
            assertTrue(impostor.lastRefusal().contains("certificate is for node someone-else"), impostor.lastRefusal());
        }
        Wait.until("the real worker keeps its session", () -> w.agent().isRegistered());
    }
}
