package dev.shoal.manager.orchestrator;

import dev.shoal.model.Ids;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceAnnotations;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.Version;
import java.time.Instant;

/**
 * Makes new tasks for a service: observed state PENDING ("pending task scheduling"), no node unless
 * given (global services pin one), the service's current task template shared by reference, and the
 * service's name copied so agents can name containers, and its endpoint spec shared by reference
 * when it publishes ports (null otherwise) so agents can publish them. Thread-safe.
 */
public final class TaskFactory {
    public static final String PENDING_MESSAGE = "pending task scheduling";
    private final Ids ids;

    public TaskFactory(Ids ids) { this.ids = ids; }

    /** A task for {@code slot} (replicated; 0 for global) on {@code nodeId} (global; null for replicated). */
    public Task newTask(Service service, int slot, String nodeId, TaskState desired, Instant now) {
        return new Task(ids.next(), Version.NONE, now, now, service.spec().taskTemplate(), service.id(),
                new ServiceAnnotations(service.spec().name()), slot, nodeId,
                TaskStatus.of(now, TaskState.PENDING, PENDING_MESSAGE), desired,
                service.spec().endpointSpec().ports().isEmpty() ? null : service.spec().endpointSpec());
    }

    /**
     * A new task to take over {@code old}'s slot elsewhere (a rebalancing move): pending, no node, desired
     * {@code desired}, and the very spec and endpoint {@code old} runs with, so a move changes where the
     * task runs and nothing else (rolling out a new template is an update's business, not a move's).
     */
    public Task replacementOf(Service service, Task old, TaskState desired, Instant now) {
        return new Task(ids.next(), Version.NONE, now, now, old.spec(), service.id(), new ServiceAnnotations(service.spec().name()),
                old.slot(), null, TaskStatus.of(now, TaskState.PENDING, PENDING_MESSAGE), desired, old.endpoint());
    }
}
