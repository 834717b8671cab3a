package dev.shoal.agent.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.ContainerStatus;
import dev.shoal.model.EndpointSpec;
import dev.shoal.model.PortConfig;
import dev.shoal.model.ServiceAnnotations;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.Version;
import dev.shoal.protocol.AgentMessage;
import dev.shoal.testing.FakeEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ingress router follows only tasks that publish an ingress port, and starts no thread on a node that
 * runs none (a simulated host runs thousands of agents). Routes of a task whose new version no longer
 * publishes, or that is left out of a full set, go away. The proxy and its listening port are real; the
 * engine is fake (no backend ever gets an address, so routes are listed without backends).
 */
class IngressRouterTest {

    @Test
    void tasksWithoutIngressPortsStartNothing() throws Exception {
        try (IngressRouter router = new IngressRouter(new FakeEngine(), new IngressProxy())) {
            Task plain = task("plain", null);
            router.assignments(new AgentMessage.Assignments(true, List.of(plain), List.of()));
            router.taskStatus("plain", running("c1"));
            router.assignments(new AgentMessage.Assignments(false, List.of(), List.of("plain")));
            assertFalse(router.started(), "a router with nothing to route started its thread");
            assertTrue(router.routes().isEmpty());
        }
    }

    @Test
    void aTaskThatStopsPublishingLosesItsRoute() throws Exception {
        int port = freePort();
        EndpointSpec endpoint = new EndpointSpec(null, List.of(new PortConfig(null, "tcp", 80, port, "ingress")));
        try (IngressRouter router = new IngressRouter(new FakeEngine(), new IngressProxy())) {
            router.assignments(new AgentMessage.Assignments(true, List.of(task("plain", null)), List.of()));
            router.assignments(new AgentMessage.Assignments(false, List.of(task("web", endpoint)), List.of()));
            assertEquals(List.of(port), List.copyOf(router.routes().keySet()), "the published port is routed");
            assertTrue(router.started());

            // A new version of the task without the port (a service update): its route goes.
            router.assignments(new AgentMessage.Assignments(false, List.of(task("web", null)), List.of()));
            assertTrue(router.routes().isEmpty(), router.routes().toString());

            // Published again, then left out of a full set: the route goes again.
            router.assignments(new AgentMessage.Assignments(false, List.of(task("web", endpoint)), List.of()));
            assertEquals(List.of(port), List.copyOf(router.routes().keySet()));
            router.assignments(new AgentMessage.Assignments(true, List.of(task("plain", null)), List.of()));
            assertTrue(router.routes().isEmpty(), router.routes().toString());
        }
    }

    private static Task task(String id, EndpointSpec endpoint) {
        Instant now = Instant.now();
        return new Task(id, Version.NONE, now, now, null, "svc-" + id, new ServiceAnnotations(id), 1, "node-1",
                TaskStatus.of(now, TaskState.ASSIGNED, "assigned"), TaskState.RUNNING, endpoint);
    }

    private static TaskStatus running(String containerId) {
        return new TaskStatus(Instant.now(), TaskState.RUNNING, "started", null, new ContainerStatus(containerId, 0, 0));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
