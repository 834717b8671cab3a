package dev.shoal.manager.orchestrator;

import dev.shoal.manager.restart.RestartSupervisor;
import dev.shoal.store.StoreAction;
import java.util.ArrayList;
import java.util.List;

/**
 * What one pass decided for one service: restarts (each an atomic pair — old task desired SHUTDOWN, its
 * replacement created — or a lone shutdown when the policy declines) and independent actions that may
 * be committed in any grouping. Mutable while a reconciler fills it; not thread-safe.
 */
public record Reconciliation(List<RestartSupervisor.Decision> restarts, List<StoreAction> actions) {
    public Reconciliation() { this(new ArrayList<>(), new ArrayList<>()); }

    public boolean isEmpty() { return restarts.isEmpty() && actions.isEmpty(); }
}
