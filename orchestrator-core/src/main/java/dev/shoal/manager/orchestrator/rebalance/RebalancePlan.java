package dev.shoal.manager.orchestrator.rebalance;

import dev.shoal.model.Task;
import dev.shoal.store.StoreAction;
import java.util.List;

/**
 * What one planning pass decided for one service: a verdict, the reason in words (what the loop logs),
 * the store actions to propose (each independent of the others: creations of replacements, desired
 * SHUTDOWN of old tasks whose replacement runs or of replacements that failed), and the moves this pass
 * starts. Immutable and thread-safe.
 */
public record RebalancePlan(String serviceId, Verdict verdict, String explanation, List<StoreAction> actions, List<Move> moves) {
    public RebalancePlan {
        actions = List.copyOf(actions);
        moves = List.copyOf(moves);
    }

    /** A plan that writes nothing. */
    static RebalancePlan of(String serviceId, Verdict verdict, String explanation) {
        return new RebalancePlan(serviceId, verdict, explanation, List.of(), List.of());
    }

    /** Where the service stands, and so what the loop does next. */
    public enum Verdict {
        /** Not an opted-in replicated service, and no move of it under way: nothing to do. */
        IGNORED,
        /** Per-node counts over the eligible nodes differ by at most 1, or no allowed node would take a task from the fullest one: stop until the next trigger. */
        BALANCED,
        /** Not settled yet (tasks pending, starting or stopping, a scale in progress) or as many moves in flight as allowed: look again when its tasks change. */
        WAITING,
        /** This pass starts moves or finishes them (replacements that run: their old tasks stop). */
        MOVING,
        /** A replacement failed or could not be placed: it is shut down, the old task stays, and the loop backs off. */
        FAILED
    }

    /** One move started: {@code replacement} (created pending, desired RUNNING) will take over {@code old}'s slot, expected on {@code toNode}. */
    public record Move(Task old, Task replacement, String fromNode, String toNode) {}
}
