package dev.shoal.executor;

/** A container's state as the engine reports it ({@code status} is the engine's word: created, running, exited, …). */
public record ContainerState(String status, boolean running, int exitCode, int pid, String error) {
}
