package dev.shoal.manager.orchestrator.update;

import dev.shoal.store.StoreAction;
import java.util.List;

/**
 * One pass of a rolling update for one service: whether it is done, how many slots are being
 * replaced now, and the actions that replace the next ones (each slot's actions form one atomic
 * group). Immutable.
 */
public record UpdatePlan(String serviceId, boolean done, int inFlight, int stale, List<List<StoreAction>> batches) {
    public UpdatePlan {
        batches = List.copyOf(batches);
    }
}
