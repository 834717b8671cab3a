package dev.shoal.manager.orchestrator;

import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeState;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.ReadTx;

/** Shared predicates on tasks, the vocabulary every orchestrator and the reaper use. Stateless. */
public final class Tasks {
    private Tasks() {}

    /** The manager still wants the task to run (or to be ready to run): desired state at or before RUNNING. */
    public static boolean isRunnable(Task t) { return !t.desiredState().isAfter(TaskState.RUNNING); }

    /** The task's observed state is past RUNNING: it ended (complete, shut down, failed, rejected, …). */
    public static boolean hasEnded(Task t) { return t.status() != null && t.state().isTerminal(); }

    /** The task was never given to a node. */
    public static boolean neverAssigned(Task t) {
        return t.nodeId() == null || t.status() == null || t.state().compareTo(TaskState.ASSIGNED) < 0;
    }

    /**
     * A node that cannot keep the task (SwarmKit's rule): it was removed from the cluster, is DOWN, or is
     * drained (its tasks move elsewhere).
     */
    public static boolean isInvalidNode(Node n) {
        return n == null || (n.status() != null && n.status().state() == NodeState.DOWN)
                || n.spec().availability() == NodeAvailability.DRAIN;
    }

    /** The task's node is known and invalid (removed, DOWN or drained): the task is as good as failed. */
    public static boolean onInvalidNode(Task t, ReadTx tx) { return t.nodeId() != null && isInvalidNode(tx.node(t.nodeId())); }

    /** A runnable task that must be replaced: it ended, or its node is removed or DOWN. */
    public static boolean needsRestart(Task t, ReadTx tx) { return isRunnable(t) && (hasEnded(t) || onInvalidNode(t, tx)); }

    /** A task kept only as history: not wanted any more and not running (ended, or never assigned). */
    public static boolean isDead(Task t) { return !isRunnable(t) && (hasEnded(t) || neverAssigned(t)); }
}
