package dev.shoal.manager.orchestrator.rebalance;

import dev.shoal.model.Service;
import dev.shoal.model.UpdateConfig;

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
     * How many moves of {@code s} may be in flight at once: its {@code UpdateConfig.Parallelism}, 1 when
     * not given, and as many as it takes (Docker's "0: all at once") when 0. Moves stay start-first
     * whatever the number.
     */
    public static int parallelism(Service s) {
        UpdateConfig u = s.spec().updateConfig();
        if (u == null || u.parallelism() == null || u.parallelism() < 0) return 1;
        if (u.parallelism() == 0) return Integer.MAX_VALUE;
        return (int) Math.min(Integer.MAX_VALUE, u.parallelism());
    }
}
