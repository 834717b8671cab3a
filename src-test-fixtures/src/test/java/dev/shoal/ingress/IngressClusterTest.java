package dev.shoal.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.executor.PublishedPort;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.EndpointSpec;
import dev.shoal.model.PortConfig;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.TaskSpec;
import dev.shoal.testing.FakeEngine;
import dev.shoal.testing.InProcessCluster;
import dev.shoal.testing.Wait;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published ports end to end in one JVM: a service created through the control API carries its endpoint to
 * its tasks (TaskFactory), the agent's ingress serves its ingress ports (the fake engine reports 127.0.0.1 as
 * every container's address, so a local echo server stands in for the container), and host-mode ports reach
 * the engine as port bindings.
 */
class IngressClusterTest {
    @TempDir
    Path dir;
    InProcessCluster cluster;
    EchoServer echo;

    @BeforeEach
    void start() throws Exception {
        cluster = InProcessCluster.start(dir, Duration.ofSeconds(1));
        echo = new EchoServer("echo");
    }

    @AfterEach
    void stop() throws IOException {
        cluster.close();
        echo.close();
    }

    private static ServiceSpec service(String name, PortConfig port) {
        ContainerSpec c = new ContainerSpec("shoal/busybox", null, null, List.of("sleep", "3600"), null, null, null, null,
                1_000_000_000L);
        return new ServiceSpec(name, null, new TaskSpec(c, null, null, null, null), ServiceMode.replicated(1),
                new EndpointSpec(null, List.of(port)));
    }

    @Test
    void ingressPortReachesTheServicesTaskAndIsReleasedWithTheService() throws IOException {
        int published = freePort();
        cluster.api().createService(service("web",
                new PortConfig(null, "tcp", echo.address().getPort(), published, "ingress")));
        assertEquals("echo", Wait.forValue("the task behind published port " + published, () -> {
            String line = greeting(published);
            return line.isEmpty() ? null : line;
        }));
        cluster.api().removeService("web");
        Wait.until("port " + published + " released", () -> canBind(published));
    }

    @Test
    void hostPortBecomesAnEnginePortBinding() throws IOException {
        int published = freePort();
        cluster.api().createService(service("db", new PortConfig(null, "tcp", 5432, published, "host")));
        FakeEngine.Container c = Wait.forValue("a running db container", () -> cluster.allContainers().stream()
                .filter(x -> x.state().running() && "db".equals(x.config().labels().get("dev.shoal.service.name")))
                .findFirst().orElse(null));
        assertEquals(List.of(new PublishedPort(published, 5432, "tcp")), c.config().ports());
    }

    private static String greeting(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') sb.append((char) c);
            return sb.toString();
        }
    }

    private static int freePort() {
        return IngressDockerTest.freePort();
    }

    private static boolean canBind(int port) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(port));
            return true;
        }
    }
}
