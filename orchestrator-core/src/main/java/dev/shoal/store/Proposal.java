package dev.shoal.store;

import java.util.List;

/**
 * A batch of actions proposed as one Raft log entry. An atomic proposal applies all of its actions or
 * none; a non-atomic one applies each action that succeeds and reports the others (used for large
 * batches of independent changes such as task assignments and status reports).
 *
 * <p>{@code leaderTerm}, when not 0, fences the proposal to one Raft term: the leader-only loops stamp
 * their proposals with the term they lead in, and a proposal committed in any other term (a deposed
 * leader's, forwarded to its successor) is refused as a whole, so decisions taken on a stale view never
 * apply. User requests through the control API are not fenced; optimistic versions protect them.
 */
public record Proposal(List<StoreAction> actions, boolean atomic, long leaderTerm) {
    public Proposal {
        actions = List.copyOf(actions);
    }

    public Proposal(List<StoreAction> actions, boolean atomic) { this(actions, atomic, 0); }

    public static Proposal atomic(List<StoreAction> actions) { return new Proposal(actions, true); }

    public static Proposal atomic(StoreAction... actions) { return new Proposal(List.of(actions), true); }

    public static Proposal each(List<StoreAction> actions) { return new Proposal(actions, false); }

    /** This proposal, valid only if committed in Raft term {@code term}. */
    public Proposal fencedTo(long term) { return new Proposal(actions, atomic, term); }
}
