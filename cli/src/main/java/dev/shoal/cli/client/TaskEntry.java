package dev.shoal.cli.client;

import dev.shoal.model.PortConfig;
import dev.shoal.model.Task;
import java.util.List;

/**
 * One task of {@code GET /tasks}, with the host-mode ports the daemon reports for it in Docker's
 * {@code Status.PortStatus.Ports} (empty when absent).
 *
 * @param task  the task
 * @param ports its published host ports
 */
public record TaskEntry(Task task, List<PortConfig> ports) {
    public TaskEntry {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }
}
