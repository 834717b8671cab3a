package dev.shoal.executor;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.shoal.executor.docker.DockerClients;
import dev.shoal.executor.docker.DockerEngine;
import dev.shoal.testing.TestImages;
import dev.shoal.testing.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DockerEngine} against the real local Docker Engine (no mocks). Every container carries a node-id
 * label unique to this run and is removed by that label after each test.
 */
class DockerEngineTest {
    private static DockerEngine engine;
    private static DockerClient client;
    private static String image;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String nodeId = "test-node-" + run;
    private final String otherNodeId = "other-node-" + run;

    @BeforeAll
    static void connect() {
        image = TestImages.busybox();
        engine = DockerEngine.connect(null);
        client = DockerClients.create(null);
    }

    @AfterAll
    static void disconnect() throws Exception {
        engine.close();
        client.close();
    }

    @AfterEach
    void removeContainers() throws EngineException {
        for (String node : List.of(nodeId, otherNodeId)) {
            for (ManagedContainer c : engine.list(node)) {
                engine.remove(c.containerId());
            }
            assertTrue(engine.list(node).isEmpty(), "containers of " + node + " removed");
        }
    }

    private ContainerConfig config(String node, String task, String... cmd) {
        return new ContainerConfig("shoal-test-" + task + "-" + run, image, List.of(), Arrays.asList(cmd),
                List.of("SHOAL_TEST=1"),
                Map.of(Labels.NODE_ID, node, Labels.TASK_ID, task, Labels.SERVICE_ID, "svc-" + run),
                null, null, null, 0, 0, 0);
    }

    @Test
    void infoDescribesTheHost() throws EngineException {
        EngineInfo info = engine.info();
        assertFalse(info.hostname().isBlank());
        assertEquals("linux", info.os());
        assertFalse(info.architecture().isBlank());
        assertTrue(info.nanoCpus() >= 1_000_000_000L, "at least one CPU: " + info.nanoCpus());
        assertEquals(0, info.nanoCpus() % 1_000_000_000L);
        assertTrue(info.memoryBytes() > 0);
        assertTrue(Character.isDigit(info.engineVersion().charAt(0)), info.engineVersion());
    }

    @Test
    void ensureImageSucceedsOfflineWhenTheImageIsLocal() throws EngineException {
        engine.ensureImage(image);
        engine.ensureImage("shoal/busybox"); // implicit :latest
    }

    @Test
    void ensureImageOfAnUnknownImageFailsWithTheEnginesMessage() {
        String unknown = "shoal/no-such-image-" + run;
        EngineException e = assertThrows(EngineException.class, () -> engine.ensureImage(unknown));
        assertTrue(e.getMessage().startsWith("No such image: " + unknown + ":latest"), e.getMessage());
        assertTrue(e.notFound());
    }

    @Test
    void createWithAnUnknownImageFailsWithTheEnginesMessage() {
        ContainerConfig config = new ContainerConfig("shoal-test-noimage-" + run, "shoal/no-such-image-" + run,
                null, null, null, Map.of(Labels.NODE_ID, nodeId), null, null, null, 0, 0, 0);
        EngineException e = assertThrows(EngineException.class, () -> engine.create(config));
        assertTrue(e.getMessage().contains("No such image"), e.getMessage());
    }

    @Test
    void listFindsOnlyThisNodesContainers() throws Exception {
        String mine = engine.create(config(nodeId, "t1", "sleep", "300"));
        engine.start(mine);
        String theirs = engine.create(config(otherNodeId, "t2", "sleep", "300"));

        List<ManagedContainer> listed = engine.list(nodeId);
        assertEquals(1, listed.size(), listed.toString());
        ManagedContainer c = listed.get(0);
        assertEquals(mine, c.containerId());
        assertEquals("shoal-test-t1-" + run, c.name());
        assertEquals("t1", c.taskId());
        assertEquals("svc-" + run, c.serviceId());
        assertTrue(c.running());

        assertEquals(List.of(theirs), ids(engine.list(otherNodeId)));
        assertFalse(engine.list(otherNodeId).get(0).running());
        assertTrue(engine.inspect(mine).running());
        assertEquals("running", engine.inspect(mine).status());
        assertTrue(engine.inspect(mine).pid() > 0);
    }

    @Test
    void createAppliesTheConfig() throws Exception {
        ContainerConfig config = new ContainerConfig("shoal-test-cfg-" + run, image, List.of("sh", "-c"),
                List.of("sleep 300"), List.of("A=1", "B=two"), Map.of(Labels.NODE_ID, nodeId, "extra", "x"),
                "web-1", "/tmp", "nobody", 500_000_000L, 64L << 20, 7);
        String id = engine.create(config);
        InspectContainerResponse r = client.inspectContainerCmd(id).exec();
        assertEquals("/shoal-test-cfg-" + run, r.getName());
        assertEquals(List.of("sh", "-c"), Arrays.asList(r.getConfig().getEntrypoint()));
        assertEquals(List.of("sleep 300"), Arrays.asList(r.getConfig().getCmd()));
        assertTrue(Arrays.asList(r.getConfig().getEnv()).containsAll(List.of("A=1", "B=two")));
        assertEquals("x", r.getConfig().getLabels().get("extra"));
        assertEquals("web-1", r.getConfig().getHostName());
        assertEquals("/tmp", r.getConfig().getWorkingDir());
        assertEquals("nobody", r.getConfig().getUser());
        assertEquals(500_000_000L, r.getHostConfig().getNanoCPUs());
        assertEquals(64L << 20, r.getHostConfig().getMemory());
    }

    @Test
    void emptyCommandKeepsTheImageDefault() throws Exception {
        String id = engine.create(config(nodeId, "dflt"));
        InspectContainerResponse r = client.inspectContainerCmd(id).exec();
        assertEquals(List.of("sh"), Arrays.asList(r.getConfig().getCmd()));
    }

    @Test
    void duplicateNameIsAConflict() throws Exception {
        engine.create(config(nodeId, "dup", "true"));
        EngineException e = assertThrows(EngineException.class, () -> engine.create(config(nodeId, "dup", "true")));
        assertTrue(e.getMessage().contains("Conflict"), e.getMessage());
        assertFalse(e.notFound());
    }

    @Test
    void awaitExitCompletesWithTheExitCode() throws Exception {
        String id = engine.create(config(nodeId, "exit3", "sh", "-c", "exit 3"));
        CompletableFuture<Integer> exit = engine.awaitExit(id); // before start: "not-running" holds at once
        assertEquals(0, Wait.on("wait on a created container", exit));
        engine.start(id);
        assertEquals(3, Wait.on("exit of sh -c 'exit 3'", engine.awaitExit(id)));
        assertEquals(3, engine.inspect(id).exitCode());
        assertEquals("exited", engine.inspect(id).status());
        assertEquals(3, engine.list(nodeId).get(0).exitCode());
        assertEquals(3, Wait.on("wait on an exited container", engine.awaitExit(id)));
    }

    @Test
    void awaitExitCompletesWhenTheContainerIsStopped() throws Exception {
        String id = engine.create(config(nodeId, "stopme", "sleep", "300"));
        engine.start(id);
        CompletableFuture<Integer> exit = engine.awaitExit(id);
        assertFalse(exit.isDone());
        engine.stop(id, Duration.ofSeconds(1)); // sleep as PID 1 ignores SIGTERM: killed after the grace
        int code = Wait.on("exit of a stopped container", exit);
        assertEquals(137, code);
        ContainerState state = engine.inspect(id);
        assertFalse(state.running());
        assertEquals(code, state.exitCode());

        engine.stop(id, Duration.ofSeconds(1)); // stopping a stopped container is fine
    }

    @Test
    void awaitExitCompletesWhenTheContainerIsRemovedByForce() throws Exception {
        String id = engine.create(config(nodeId, "rmme", "sleep", "300"));
        engine.start(id);
        CompletableFuture<Integer> exit = engine.awaitExit(id);
        engine.remove(id);
        Wait.until("wait ends after forced removal", exit::isDone);
    }

    @Test
    void removedContainersAreNotFound() throws Exception {
        String id = engine.create(config(nodeId, "gone", "sleep", "300"));
        engine.start(id);
        engine.remove(id);
        EngineException e = assertThrows(EngineException.class, () -> engine.inspect(id));
        assertTrue(e.notFound(), e.getMessage());
        assertTrue(e.getMessage().contains("No such container"), e.getMessage());
        assertTrue(engine.list(nodeId).isEmpty());

        engine.remove(id); // missing is fine
        engine.stop(id, Duration.ofSeconds(1)); // missing is fine
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> engine.awaitExit(id).get(Wait.DEFAULT_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof EngineException);
        assertTrue(((EngineException) failed.getCause()).notFound());
    }

    @Test
    void closingTheEngineFailsPendingWaits() throws Exception {
        String id = engine.create(config(nodeId, "close", "sleep", "300"));
        engine.start(id);
        DockerEngine second = DockerEngine.connect(null);
        CompletableFuture<Integer> exit = second.awaitExit(id);
        second.close();
        Wait.until("pending wait fails on close", exit::isCompletedExceptionally);
    }

    private static List<String> ids(List<ManagedContainer> containers) {
        List<String> ids = new ArrayList<>();
        for (ManagedContainer c : containers) {
            ids.add(c.containerId());
        }
        return ids;
    }

    @Test
    void networksAliasesMountsHostsAndReadOnlyRootReachTheEngine() throws Exception {
        LocalNetwork net = new LocalNetwork("shoal-test-net-" + run, "netid-" + run, false, Map.of());
        String volume = "shoal-test-vol-" + run;
        engine.ensureNetwork(net);
        engine.ensureNetwork(net); // idempotent
        try {
            ContainerExtras serverExtras = new ContainerExtras(
                    List.of(new ContainerExtras.NetworkEndpoint(net, List.of("redis"))), null, null, null, null, null, null,
                    false, null, null, null, null);
            String server = engine.create(new ContainerConfig("shoal-test-srv-" + run, image, List.of(), List.of("sleep", "60"),
                    List.of(), Map.of(Labels.NODE_ID, nodeId), null, null, null, 0, 0, 1, List.of(), serverExtras));
            engine.start(server);
            ContainerExtras clientExtras = new ContainerExtras(
                    List.of(new ContainerExtras.NetworkEndpoint(net, List.of())),
                    List.of(new ContainerExtras.MountSpec("volume", volume, "/data", false, false, null, null),
                            new ContainerExtras.MountSpec("tmpfs", null, "/scratch", false, false, 1L << 20, null)),
                    new ContainerExtras.HealthCheck(List.of("CMD-SHELL", "true"), 1_000_000_000L, 0, 0, 1),
                    List.of("db.example:10.9.8.7"), null, null, null, true, true, "SIGINT", null,
                    List.of(new ContainerExtras.UlimitSpec("nofile", 1024, 2048)));
            String probe = engine.create(new ContainerConfig("shoal-test-probe-" + run, image, List.of(), List.of("sh", "-c",
                    "nslookup redis >/dev/null && grep -q 'db.example' /etc/hosts && echo ok > /data/f && echo ok > /scratch/f"
                            + " && ! touch /rootfile 2>/dev/null && [ \"$(ulimit -n)\" = 1024 ]"),
                    List.of(), Map.of(Labels.NODE_ID, nodeId), null, null, null, 0, 0, 1, List.of(), clientExtras));
            InspectContainerResponse r = client.inspectContainerCmd(probe).exec();
            assertTrue(r.getHostConfig().getReadonlyRootfs());
            assertEquals(1024L, r.getHostConfig().getUlimits()[0].getSoft().longValue());
            var exit = engine.awaitExit(probe);
            engine.start(probe);
            assertEquals(0, exit.get(60, java.util.concurrent.TimeUnit.SECONDS), "the probe resolved 'redis', saw the extra host, "
                    + "wrote its volume and tmpfs, could not write its root, had its ulimit");
            engine.removeNetworkIfUnused(net.name());
            assertFalse(client.listNetworksCmd().withNameFilter(net.name()).exec().isEmpty(), "a network in use stays");
            engine.stop(server, java.time.Duration.ofSeconds(1));
            engine.remove(server);
            engine.remove(probe);
            engine.removeNetworkIfUnused(net.name());
            assertTrue(client.listNetworksCmd().withNameFilter(net.name()).exec().stream().noneMatch(n -> n.getName().equals(net.name())),
                    "an unused network is removed");
        } finally {
            for (ManagedContainer c : engine.list(nodeId)) engine.remove(c.containerId());
            engine.removeNetworkIfUnused(net.name());
            try {
                client.removeVolumeCmd(volume).exec();
            } catch (RuntimeException e) {
                // not created
            }
        }
    }
}
