package dev.shoal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manager.controlapi.ServiceListing;
import dev.shoal.manager.controlapi.ServiceStatus;
import dev.shoal.manager.controlapi.TaskFilter;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.ResourceRequirements;
import dev.shoal.model.Resources;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Global services and jobs through the whole manager, with agents on fake engines. */
class GlobalAndJobsClusterTest {
    @TempDir
    Path dir;
    InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = InProcessCluster.start(dir, Duration.ofSeconds(1));
        cluster.addWorker("worker-1");
        cluster.addWorker("worker-2");
    }

    @AfterEach
    void stop() { cluster.close(); }

    private static ServiceSpec spec(String name, ServiceMode mode) {
        ContainerSpec c = new ContainerSpec("shoal/busybox", null, null, List.of("sleep", "3600"), null, null, null, null, 1_000_000_000L);
        return new ServiceSpec(name, null, new TaskSpec(c, null, new RestartPolicy(null, 100_000_000L, null, null), null, null), mode, null);
    }

    private List<FakeEngine.Container> running(String service) {
        return cluster.allContainers().stream()
                .filter(c -> c.state().running() && service.equals(c.config().labels().get("dev.shoal.service.name")))
                .collect(Collectors.toList());
    }

    private Set<String> nodesRunning(String service) { return running(service).stream().map(FakeEngine.Container::nodeId).collect(Collectors.toSet()); }

    private List<FakeEngine> engines() {
        List<FakeEngine> out = new ArrayList<>();
        out.add(cluster.managerEngine());
        for (InProcessCluster.Worker w : cluster.workers()) out.add(w.engine());
        return out;
    }

    private ServiceStatus status(String name) {
        return cluster.api().listServices(true).stream().filter(l -> l.service().spec().name().equals(name))
                .map(ServiceListing::status).findFirst().orElseThrow();
    }

    private List<Task> tasks(String service) { return cluster.api().listTasks(TaskFilter.fromArgs(Map.of("service", List.of(service)))); }

    @Test
    void globalServiceRunsOnEveryNodeAndFollowsANewWorker() {
        cluster.api().createService(spec("mon", ServiceMode.newGlobal()));
        Set<String> three = Wait.forValue("a mon container on each of the 3 nodes", () -> {
            Set<String> n = nodesRunning("mon");
            return n.size() == 3 && running("mon").size() == 3 ? n : null;
        });
        assertTrue(three.contains(cluster.managerNodeId()));
        Wait.until("ServiceStatus 3/3", () -> status("mon").equals(new ServiceStatus(3, 3)));
        InProcessCluster.Worker w3 = cluster.addWorker("worker-3");
        Wait.until("a mon container on the new worker too", () -> nodesRunning("mon").contains(w3.nodeId()) && running("mon").size() == 4);
        assertTrue(tasks("mon").stream().allMatch(t -> t.slot() == 0 && t.nodeId() != null));
    }

    private static ServiceSpec reserving(String name, long nanoCpus) {
        ServiceSpec s = spec(name, ServiceMode.newGlobal());
        TaskSpec t = s.taskTemplate();
        TaskSpec reserved = new TaskSpec(t.containerSpec(), new ResourceRequirements(null, new Resources(nanoCpus, 0)), t.restartPolicy(),
                t.placement(), t.forceUpdate(), t.networks());
        return new ServiceSpec(name, null, reserved, s.mode(), null);
    }

    @Test
    void globalTasksWaitForRoomOnTheirNodeAndStartWhenItIsFreed() {
        // Every node has 4 CPUs: "hog" reserves 3 on each, so "mon" (2 each) fits nowhere and waits, explained.
        cluster.api().createService(reserving("hog", 3_000_000_000L));
        Wait.until("hog running on the 3 nodes", () -> nodesRunning("hog").size() == 3);
        cluster.api().createService(reserving("mon", 2_000_000_000L));
        Wait.until("3 mon tasks pending, each with its reason", () -> {
            List<Task> ts = tasks("mon");
            return ts.size() == 3 && ts.stream().allMatch(t -> t.state() == TaskState.PENDING
                    && "no suitable node (insufficient resources on 1 node)".equals(t.status().err()));
        });
        assertTrue(running("mon").isEmpty(), "nothing started beyond the nodes' capacity");
        cluster.api().removeService("hog");
        Wait.until("mon running on the 3 nodes once hog is gone", () -> nodesRunning("mon").size() == 3 && running("mon").size() == 3);
        assertEquals(3, tasks("mon").size(), "the same tasks, admitted; none replaced");
    }

    @Test
    void replicatedJobRunsToCompletion() {
        cluster.api().createService(spec("batch", ServiceMode.newReplicatedJob(2L, 3L)));
        for (int finished = 0; finished < 3; finished++) {
            Wait.until("a batch container runs", () -> !running("batch").isEmpty());
            List<FakeEngine.Container> now = running("batch");
            assertTrue(now.size() <= 2, "at most MaxConcurrent at once: " + now.size());
            FakeEngine.Container c = now.get(0);
            assertTrue(engines().stream().anyMatch(e -> e.kill(c.id(), 0)), "the container exits 0");
        }
        Wait.until("3 completions", () -> status("batch").completedTasks() == 3);
        Wait.until("nothing left running", () -> running("batch").isEmpty() && status("batch").desiredTasks() == 0);
        assertEquals(3, tasks("batch").stream().filter(t -> t.state() == TaskState.COMPLETE).count());
        Wait.until("completed tasks desired Complete, as Docker shows finished job tasks", () -> tasks("batch").stream()
                .filter(t -> t.state() == TaskState.COMPLETE).allMatch(t -> t.desiredState() == TaskState.COMPLETE));
    }
}
