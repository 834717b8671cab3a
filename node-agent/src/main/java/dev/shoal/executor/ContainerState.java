package dev.shoal.executor;

/**
 * A container's state as the engine reports it ({@code status} is the engine's word: created, running,
 * exited, …). {@code ipAddress} is the container's address on its network (the default bridge for the
 * agent's containers), "" when it has none (not running, or no network). Immutable.
 */
public record ContainerState(String status, boolean running, int exitCode, int pid, String error, String ipAddress) {
    public ContainerState {
        ipAddress = ipAddress == null ? "" : ipAddress;
    }

    /** A state without a network address. */
    public ContainerState(String status, boolean running, int exitCode, int pid, String error) {
        this(status, running, exitCode, pid, error, "");
    }
}
