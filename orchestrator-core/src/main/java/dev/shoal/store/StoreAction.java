package dev.shoal.store;

import dev.shoal.model.StoreObject;
import dev.shoal.model.TaskStatus;

/**
 * One change in a proposal. The store applies actions in Raft log order on every manager, so
 * applying one must depend only on the store's state and the action itself.
 */
public sealed interface StoreAction {

    /** Adds an object; fails with {@link StoreError.Code#EXISTS} or {@link StoreError.Code#NAME_CONFLICT}. */
    record Create(StoreObject object) implements StoreAction {}

    /**
     * Replaces an object if its stored version still equals {@code object.version()}; fails with
     * {@link StoreError.Code#CONFLICT} or {@link StoreError.Code#NOT_FOUND} otherwise.
     */
    record Update(StoreObject object) implements StoreAction {}

    /** Removes an object; a missing one is {@link StoreError.Code#NOT_FOUND}. */
    record Delete(StoreObject.Kind kind, String id) implements StoreAction {}

    /**
     * Records a task's observed status reported by its agent. It never conflicts: it applies when it moves
     * the task's state forward (or refreshes the same state) and is dropped silently otherwise, which makes
     * agent reports idempotent and safe to batch.
     */
    record UpdateTaskStatus(String taskId, TaskStatus status) implements StoreAction {}

    /**
     * The scheduler's decision that a task runs on {@code nodeId}: a few dozen bytes in the log instead of
     * the whole task. It applies only while the task still waits for a node ({@link
     * dev.shoal.model.Task#awaitsNode()}: no node, observed PENDING, desired READY or RUNNING) and the node
     * exists; the task then gets the node and {@code status} (whose state must be ASSIGNED). Unlike
     * {@link UpdateTaskStatus}, a stale assignment is not dropped silently: it is refused with
     * {@link StoreError.Code#CONFLICT} (or {@link StoreError.Code#NOT_FOUND} for a deleted task), so the
     * scheduler knows it did not happen. It never conflicts with writes that leave the task waiting (a new
     * reason, a desired state moving from READY to RUNNING), which an optimistic {@link Update} would.
     */
    record AssignTask(String taskId, String nodeId, TaskStatus status) implements StoreAction {}
}
