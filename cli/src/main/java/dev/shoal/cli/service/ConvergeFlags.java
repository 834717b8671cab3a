package dev.shoal.cli.service;

import dev.shoal.cli.CliException;
import dev.shoal.cli.client.ApiClient;
import dev.shoal.cli.client.TaskEntry;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code -d/--detach} and {@code -q/--quiet} of the verbs that change a service (create, update, scale,
 * rollback). Unlike Docker's CLI, swarmctl returns as soon as the manager has taken the change
 * ({@code --detach} defaults to true), so a script never hangs on a task that cannot start;
 * {@code --detach=false} waits as Docker does, printing "overall progress: N out of M tasks" as it changes
 * (unless {@code --quiet}) and "verify: Service converged" at the end. A paused update or a rolled-back
 * one ends the wait with an error. A picocli mixin.
 */
public final class ConvergeFlags {
    private static final long POLL_MILLIS = 250;

    @Option(names = {"-d", "--detach"}, arity = "0..1", fallbackValue = "true", defaultValue = "true", paramLabel = "bool",
            description = "Exit immediately instead of waiting for the service to converge (the default; --detach=false waits)")
    private boolean detach = true;

    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output")
    private boolean quiet;

    /**
     * With {@code --detach=false}, waits until the service {@code ref} names has converged. {@code expectRollback}:
     * the change was a rollback, so a rolled-back service is success.
     */
    void awaitIfAttached(ApiClient client, String ref, PrintWriter out, boolean expectRollback) {
        if (detach) return;
        String last = null;
        while (true) {
            Service s = client.service(ref);
            List<Task> tasks = new ArrayList<>();
            for (TaskEntry e : client.tasks(Map.of("service", List.of(s.id())))) tasks.add(e.task());
            Convergence c = Convergence.of(s, tasks);
            String line = c.progressLine();
            if (!quiet && !line.equals(last)) {
                out.println(line);
                out.flush();
            }
            last = line;
            if (c.stopped() != null) throw new CliException(s.spec().name() + ": " + c.stopped());
            if (c.converged()) {
                if (c.rolledBack() && !expectRollback) {
                    throw new CliException(s.spec().name() + ": update rolled back: a new task failed (see service ps " + s.spec().name() + ")");
                }
                if (!quiet) out.println("verify: Service converged");
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while waiting for " + s.spec().name() + " to converge");
            }
        }
    }
}
