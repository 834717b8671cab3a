package dev.shoal.store;

import java.util.List;

/**
 * A batch of actions proposed as one Raft log entry. An atomic proposal applies all of its actions or
 * none; a non-atomic one applies each action that succeeds and reports the others (used for large
 * batches of independent changes such as task assignments and status reports).
 */
public record Proposal(List<StoreAction> actions, boolean atomic) {
    public Proposal {
        actions = List.copyOf(actions);
    }

    public static Proposal atomic(List<StoreAction> actions) { return new Proposal(actions, true); }

    public static Proposal atomic(StoreAction... actions) { return new Proposal(List.of(actions), true); }

    public static Proposal each(List<StoreAction> actions) { return new Proposal(actions, false); }
}
