package dev.shoal.agent;

import dev.shoal.executor.ContainerConfig;
import dev.shoal.executor.Labels;
import dev.shoal.executor.PublishedPort;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.PortConfig;
import dev.shoal.model.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a task into the container that runs it, named and labelled as Swarm does, with the service's
 * host-mode ports bound on the node (ingress-mode ports are served by the agent's ingress proxy).
 */
final class ContainerConfigs {
    private ContainerConfigs() {}

    static ContainerConfig of(Task t, String nodeId) {
        ContainerSpec c = t.spec().containerSpec();
        Map<String, String> labels = new HashMap<>(c.labels());
        labels.put(Labels.NODE_ID, nodeId);
        labels.put(Labels.TASK_ID, t.id());
        labels.put(Labels.SERVICE_ID, t.serviceId());
        labels.put(Labels.TASK_NAME, t.name());
        if (t.serviceAnnotations() != null) labels.put(Labels.SERVICE_NAME, t.serviceAnnotations().name());
        var limits = t.spec().resources().limits();
        return new ContainerConfig(
                t.containerName(), c.image(), c.command(), c.args(), c.env(), labels,
                c.hostname(), c.dir(), c.user(), limits.nanoCpus(), limits.memoryBytes(),
                (int) Math.max(0, c.stopGraceNanos() / 1_000_000_000L), hostPorts(t));
    }

    /** The task's ports published in host mode. */
    static List<PublishedPort> hostPorts(Task t) {
        if (t.endpoint() == null) return List.of();
        List<PublishedPort> out = new ArrayList<>();
        for (PortConfig p : t.endpoint().ports()) {
            if ("host".equals(p.publishMode())) out.add(new PublishedPort(p.publishedPort(), p.targetPort(), p.protocol()));
        }
        return out;
    }
}
