package dev.shoal.executor;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one task's container. {@code entrypoint} overrides the image's (from the
 * service's Command), {@code cmd} its command (from the service's Args); empty lists keep the image's.
 * {@code labels} include the {@link Labels} that mark the container as the agent's. {@code ports} are
 * published on the host (Swarm's host mode); empty for none. {@code extras} hold networks, mounts and the
 * rest of Docker's container settings ({@link ContainerExtras#NONE} for none).
 */
public record ContainerConfig(
        String name,
        String image,
        List<String> entrypoint,
        List<String> cmd,
        List<String> env,
        Map<String, String> labels,
        String hostname,
        String workingDir,
        String user,
        long nanoCpus,
        long memoryBytes,
        int stopTimeoutSeconds,
        List<PublishedPort> ports,
        ContainerExtras extras) {
    public ContainerConfig {
        extras = extras == null ? ContainerExtras.NONE : extras;
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** A container that publishes no ports. */
    public ContainerConfig(String name, String image, List<String> entrypoint, List<String> cmd, List<String> env,
                           Map<String, String> labels, String hostname, String workingDir, String user,
                           long nanoCpus, long memoryBytes, int stopTimeoutSeconds) {
        this(name, image, entrypoint, cmd, env, labels, hostname, workingDir, user, nanoCpus, memoryBytes,
                stopTimeoutSeconds, List.of(), ContainerExtras.NONE);
    }

    /** A container with only the basics and host ports. */
    public ContainerConfig(String name, String image, List<String> entrypoint, List<String> cmd, List<String> env,
                           Map<String, String> labels, String hostname, String workingDir, String user,
                           long nanoCpus, long memoryBytes, int stopTimeoutSeconds, List<PublishedPort> ports) {
        this(name, image, entrypoint, cmd, env, labels, hostname, workingDir, user, nanoCpus, memoryBytes,
                stopTimeoutSeconds, ports, ContainerExtras.NONE);
    }
}
