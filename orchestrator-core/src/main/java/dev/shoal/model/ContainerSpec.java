package dev.shoal.model;

import java.util.List;
import java.util.Map;

/**
 * How to run a task's container: image, command, environment and labels; durations in nanoseconds as
 * in the Docker API. Immutable.
 */
public record ContainerSpec(
        String image,
        Map<String, String> labels,
        List<String> command,
        List<String> args,
        List<String> env,
        String hostname,
        String dir,
        String user,
        Long stopGracePeriod) {
    public ContainerSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        command = command == null ? List.of() : List.copyOf(command);
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
    }

    /** Swarm's default stop grace period: 10 s. */
    public static final long DEFAULT_STOP_GRACE_NANOS = 10_000_000_000L;

    public long stopGraceNanos() { return stopGracePeriod == null ? DEFAULT_STOP_GRACE_NANOS : stopGracePeriod; }
}
