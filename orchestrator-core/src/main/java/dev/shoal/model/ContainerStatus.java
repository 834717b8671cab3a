package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The container behind a task: its id, pid and exit code. */
public record ContainerStatus(
        @JsonProperty("ContainerID") String containerId,
        @JsonProperty("PID") int pid,
        int exitCode) {
}
