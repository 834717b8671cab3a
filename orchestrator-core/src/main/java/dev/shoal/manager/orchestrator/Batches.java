package dev.shoal.manager.orchestrator;

import dev.shoal.store.CommitResult;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Proposes many independent actions as few log entries: non-atomic proposals of at most
 * {@link #MAX_ACTIONS} actions each. Stateless.
 */
public final class Batches {
    /** Most actions in one log entry; 10,000 task creations fit in one. */
    public static final int MAX_ACTIONS = 10_000;

    private Batches() {}

    /**
     * Commits {@code actions} in order as non-atomic proposals and returns the refused actions (each
     * refusal's action, in order). Throws StoreException only when the cluster cannot commit at all.
     */
    public static List<Refused> commitEach(Store store, List<StoreAction> actions) {
        List<Refused> refused = new ArrayList<>();
        for (int from = 0; from < actions.size(); from += MAX_ACTIONS) {
            List<StoreAction> chunk = actions.subList(from, Math.min(actions.size(), from + MAX_ACTIONS));
            CommitResult r = store.commitEach(Proposal.each(new ArrayList<>(chunk)));
            for (CommitResult.Rejection rej : r.rejected()) refused.add(new Refused(chunk.get(rej.position()), rej));
        }
        return refused;
    }

    /** An action the store refused and why. */
    public record Refused(StoreAction action, CommitResult.Rejection rejection) {}
}
