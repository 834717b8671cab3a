package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One instance of a service: a slot (replicated) or a node (global), the node it was assigned to,
 * its observed status and the state the manager wants for it. {@code endpoint} is the service's
 * endpoint spec (published ports) when the task was made, shared by reference, so the agent can publish
 * host-mode ports and route ingress ports; null for tasks made before it existed or without ports.
 * {@code assignedGenericResources} are the generic resources the scheduler gave it on its node: named
 * units (which GPUs) or discrete amounts; its agent passes them to the container as
 * {@code DOCKER_RESOURCE_<KIND>} variables, as Swarm does. Immutable.
 */
public record Task(
        @JsonProperty("ID") String id,
        Version version,
        Instant createdAt,
        Instant updatedAt,
        TaskSpec spec,
        @JsonProperty("ServiceID") String serviceId,
        ServiceAnnotations serviceAnnotations,
        int slot,
        @JsonProperty("NodeID") String nodeId,
        TaskStatus status,
        TaskState desiredState,
        EndpointSpec endpoint,
        @JsonProperty("AssignedGenericResources") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<GenericResource> assignedGenericResources) implements StoreObject {

    /** A task as stored: {@code assignedGenericResources} is never null (empty when none were assigned). */
    @JsonCreator
    public Task {
        assignedGenericResources = assignedGenericResources == null || assignedGenericResources.isEmpty() ? List.of()
                : List.copyOf(assignedGenericResources);
    }

    /** A task that holds no generic resources (every task until the scheduler assigns some). */
    public Task(String id, Version version, Instant createdAt, Instant updatedAt, TaskSpec spec, String serviceId,
                ServiceAnnotations serviceAnnotations, int slot, String nodeId, TaskStatus status, TaskState desiredState,
                EndpointSpec endpoint) {
        this(id, version, createdAt, updatedAt, spec, serviceId, serviceAnnotations, slot, nodeId, status, desiredState, endpoint, List.of());
    }

    @Override
    @JsonIgnore
    public Kind kind() { return Kind.TASK; }

    @Override
    public Task withMeta(Version v, Instant created, Instant updated) {
        return new Task(id, v, created, updated, spec, serviceId, serviceAnnotations, slot, nodeId, status, desiredState, endpoint, assignedGenericResources);
    }

    public Task withStatus(TaskStatus s) {
        return new Task(id, version, createdAt, updatedAt, spec, serviceId, serviceAnnotations, slot, nodeId, s, desiredState, endpoint, assignedGenericResources);
    }

    public Task withDesiredState(TaskState d) {
        return new Task(id, version, createdAt, updatedAt, spec, serviceId, serviceAnnotations, slot, nodeId, status, d, endpoint, assignedGenericResources);
    }

    /** This task with another template (the log codec writes a template shared by several tasks once). */
    public Task withSpec(TaskSpec s) {
        return new Task(id, version, createdAt, updatedAt, s, serviceId, serviceAnnotations, slot, nodeId, status, desiredState, endpoint, assignedGenericResources);
    }

    public Task withNode(String node, TaskStatus s) {
        return new Task(id, version, createdAt, updatedAt, spec, serviceId, serviceAnnotations, slot, node, s, desiredState, endpoint, assignedGenericResources);
    }

    /**
     * This task given to {@code node} with status {@code s}, holding {@code generic}: the units of the
     * node's generic resources the scheduler picked for it (Swarm's {@code AssignedGenericResources}).
     */
    public Task withAssignment(String node, TaskStatus s, List<GenericResource> generic) {
        return new Task(id, version, createdAt, updatedAt, spec, serviceId, serviceAnnotations, slot, node, s, desiredState, endpoint, generic);
    }

    @JsonIgnore
    public TaskState state() { return status.state(); }

    /**
     * Whether this task waits for the scheduler: observed PENDING and desired READY or RUNNING, either
     * without a node ({@link #awaitsNode()}) or created on its node by a global orchestrator and not yet
     * admitted there ({@link #awaitsAdmission()}). The scheduler decides exactly these tasks, and the store
     * applies a {@code StoreAction.AssignTask} only to them.
     */
    @JsonIgnore
    public boolean awaitsScheduling() {
        return status != null && status.state() == TaskState.PENDING
                && (desiredState == TaskState.RUNNING || desiredState == TaskState.READY);
    }

    /** Whether this task waits for the scheduler to give it a node: {@link #awaitsScheduling()} without a node. */
    @JsonIgnore
    public boolean awaitsNode() { return nodeId == null && awaitsScheduling(); }

    /**
     * Whether this task was created on its node (a global service's) and waits for the scheduler to check
     * that the node has room for it (resources, host ports), as SwarmKit's preassigned tasks do:
     * {@link #awaitsScheduling()} with a node. Until admitted it holds nothing on the node and is not sent
     * to the node's agent.
     */
    @JsonIgnore
    public boolean awaitsAdmission() { return nodeId != null && awaitsScheduling(); }

    /** Whether the task has been given to its node's agent: it has a node and is observed ASSIGNED or later. */
    @JsonIgnore
    public boolean isDispatched() { return nodeId != null && status != null && status.state().compareTo(TaskState.ASSIGNED) >= 0; }

    /** Swarm's task name: {@code service.slot} for replicated tasks, {@code service.nodeId} for global ones. */
    @JsonIgnore
    public String name() {
        String svc = serviceAnnotations == null ? serviceId : serviceAnnotations.name();
        return slot > 0 ? svc + "." + slot : svc + "." + nodeId;
    }

    /** Swarm's container name: {@code service.slot.taskId}. */
    @JsonIgnore
    public String containerName() { return name() + "." + id; }
}
