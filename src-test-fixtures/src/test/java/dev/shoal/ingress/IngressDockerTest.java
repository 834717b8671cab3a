package dev.shoal.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.ingress.IngressProxy;
import dev.shoal.agent.ingress.IngressRoute;
import dev.shoal.agent.ingress.IngressRouter;
import dev.shoal.executor.ContainerConfig;
import dev.shoal.executor.ContainerState;
import dev.shoal.executor.EngineException;
import dev.shoal.executor.Labels;
import dev.shoal.executor.ManagedContainer;
import dev.shoal.executor.PublishedPort;
import dev.shoal.executor.docker.DockerEngine;
import dev.shoal.model.ContainerStatus;
import dev.shoal.model.EndpointSpec;
import dev.shoal.model.PortConfig;
import dev.shoal.model.ServiceAnnotations;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.Version;
import dev.shoal.protocol.AgentMessage;
import dev.shoal.testing.FreePorts;
import dev.shoal.testing.TestImages;
import dev.shoal.testing.Wait;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Published ports against the real Docker Engine: the ingress proxy in front of busybox httpd containers on
 * the default bridge, the router driving it from task events, and host-mode port bindings. Every container
 * carries a node-id label unique to the run and is removed after each test.
 */
class IngressDockerTest {
    private static final FreePorts PORTS = new FreePorts();

    private static DockerEngine engine;
    private static String image;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String nodeId = "ingress-test-" + run;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void connect() {
        image = TestImages.busybox();
        engine = DockerEngine.connect(null);
    }

    @AfterAll
    static void disconnect() {
        engine.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : closeables) c.close();
        for (ManagedContainer c : engine.list(nodeId)) engine.remove(c.containerId());
        assertTrue(engine.list(nodeId).isEmpty(), "containers of " + nodeId + " removed");
    }

    @Test
    void proxyBalancesOverTwoContainersOnTheBridge() throws Exception {
        InetSocketAddress one = startHttpd("t1", "one", List.of());
        InetSocketAddress two = startHttpd("t2", "two", List.of());
        IngressProxy proxy = track(new IngressProxy());
        int port = freePort();
        proxy.update(Map.of(port, IngressRoute.of("web", one, two)));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) answers.add(get(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        assertEquals(2, Collections.frequency(answers, "one"), "answers: " + answers);
        assertEquals(2, Collections.frequency(answers, "two"), "answers: " + answers);
    }

    @Test
    void routerFollowsTheTasksOfAService() throws Exception {
        int port = freePort();
        EndpointSpec endpoint = new EndpointSpec(null, List.of(new PortConfig(null, "tcp", 80, port, "ingress")));
        startHttpd("t1", "one", List.of());
        startHttpd("t2", "two", List.of());
        String c1 = containerOf("t1");
        String c2 = containerOf("t2");
        Task t1 = task("t1", 1, endpoint);
        Task t2 = task("t2", 2, endpoint);
        IngressRouter router = track(new IngressRouter(engine, new IngressProxy()));
        InetSocketAddress published = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);

        router.assignments(new AgentMessage.Assignments(true, List.of(t1, t2), List.of()));
        assertEquals(List.of(), router.routes().get(port).backends(), "listed, no backend before any task runs");
        router.taskStatus("t1", running(c1));
        router.taskStatus("t2", running(c2));
        assertEquals(2, router.routes().get(port).backends().size(), router.routes().toString());
        List<String> answers = List.of(get(published), get(published));
        assertTrue(answers.contains("one") && answers.contains("two"), "answers: " + answers);

        // The manager asks t2 to stop: it leaves the table before its container is stopped.
        router.assignments(new AgentMessage.Assignments(false, List.of(t2.withDesiredState(TaskState.SHUTDOWN)), List.of()));
        assertEquals(1, router.routes().get(port).backends().size(), router.routes().toString());
        assertEquals("one", get(published));
        assertEquals("one", get(published));

        // t1 ends: nothing runs here any more, the port is released.
        router.taskStatus("t1", new TaskStatus(Instant.now(), TaskState.FAILED, "failed", "x", new ContainerStatus(c1, 0, 1)));
        assertTrue(router.routes().isEmpty(), router.routes().toString());
        Wait.until("port " + port + " released", () -> canBind(port));
    }

    @Test
    void hostModeBindsThePublishedPortToTheContainer() throws Exception {
        int port = freePort();
        startHttpd("host", "host", List.of(new PublishedPort(port, 80, "tcp")));
        String answer = Wait.forValue("the container through 127.0.0.1:" + port,
                () -> get(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        assertEquals("host", answer);
    }

    // -- helpers

    /** Starts httpd serving {@code body} in a new container; returns its bridge address once it answers. */
    private InetSocketAddress startHttpd(String taskId, String body, List<PublishedPort> ports) throws EngineException {
        ContainerConfig config = new ContainerConfig("shoal-ingress-" + taskId + "-" + run, image, List.of("sh", "-c"),
                List.of("mkdir -p /www && echo " + body + " > /www/index.html && exec httpd -f -p 80 -h /www"), null,
                Map.of(Labels.NODE_ID, nodeId, Labels.TASK_ID, taskId, Labels.SERVICE_ID, "svc-" + run),
                null, null, null, 0, 0, 1, ports);
        String id = engine.create(config);
        engine.start(id);
        ContainerState state = engine.inspect(id);
        assertTrue(state.running(), "running: " + state);
        assertFalse(state.ipAddress().isEmpty(), "an address on the bridge: " + state);
        InetSocketAddress address = new InetSocketAddress(state.ipAddress(), 80);
        assertEquals(body, Wait.forValue("httpd in " + taskId + " at " + address, () -> get(address)));
        return address;
    }

    private String containerOf(String taskId) throws EngineException {
        for (ManagedContainer c : engine.list(nodeId)) {
            if (taskId.equals(c.taskId())) return c.containerId();
        }
        throw new AssertionError("no container for " + taskId);
    }

    private Task task(String id, int slot, EndpointSpec endpoint) {
        Instant now = Instant.now();
        return new Task(id, Version.NONE, now, now, null, "svc-" + run, new ServiceAnnotations("web"), slot, nodeId,
                TaskStatus.of(now, TaskState.ASSIGNED, "assigned"), TaskState.RUNNING, endpoint);
    }

    private static TaskStatus running(String containerId) {
        return new TaskStatus(Instant.now(), TaskState.RUNNING, "started", null, new ContainerStatus(containerId, 0, 0));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /** One HTTP/1.0 GET of {@code /} on a fresh connection; the body, trimmed. */
    static String get(InetSocketAddress address) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.0\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            s.getInputStream().transferTo(out);
            String response = out.toString(StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.") || !response.contains(" 200 ")) {
                throw new IOException("unexpected response: " + response);
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4).trim();
        }
    }

    /** A free port below the ephemeral range (see {@link FreePorts}). */
    static int freePort() {
        return PORTS.next();
    }

    static boolean canBind(int port) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return true;
        }
    }
}
