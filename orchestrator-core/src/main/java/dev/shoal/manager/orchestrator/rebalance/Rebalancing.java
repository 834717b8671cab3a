package dev.shoal.manager.orchestrator.rebalance;

import dev.shoal.model.Service;

/**
 * Which services opt in to rebalancing, and how many moves each may have in flight. A replicated
 * service (not global, not a job) opts in with the service label {@code dev.shoal.rebalance=true}
 * (case-insensitive value), which {@code swarmctl service create --rebalance}, a stack file's
 * {@code deploy.labels} and the stock docker CLI's {@code --label} can all set. Stateless and thread-safe.
 */
public final class Rebalancing {
    /** The service label that opts a replicated service in. */
    public static final String LABEL = "dev.shoal.rebalance";

    private Rebalancing() {}

    /** Whether {@code s} is a replicated service labelled {@code dev.shoal.rebalance=true}. */
    public static boolean optedIn(Service s) {
        if (s == null || s.spec() == null || s.spec().mode() == null || s.spec().mode().replicated() == null) return false;
        String v = s.spec().labels().get(LABEL);
        return v != null && v.trim().equalsIgnoreCase("true");
    }

    /**
     * How many moves of {@code s} may be in flight at once. Always 1 for now: the model has no
     * {@code UpdateConfig} yet; once it does, its {@code Parallelism} (when set and not 0) goes here.
     */
    public static int parallelism(Service s) { return 1; }
}
