package dev.shoal.manager.controlapi;

import dev.shoal.model.ManagerStatus;
import dev.shoal.model.Node;
import dev.shoal.model.Reachability;

/**
 * A node as the serving manager sees it now: its stored record with MANAGER STATUS corrected by the manager's
 * {@link RaftView}. Exactly the manager this one knows as leader is {@code Leader}; when it knows none (it is cut
 * off, or an election is on), none is, and every other manager is {@code Unreachable} as far as it can tell.
 * Otherwise reachability is the leader's record (written once a second), and the leader itself is reachable —
 * this manager hears from it. Workers and the stored fields other than MANAGER STATUS are left as they are.
 * A pure function; stateless.
 */
public final class LiveManagerStatus {
    private LiveManagerStatus() {}

    /** {@code node} with its manager status as {@code view} sees it now ({@code node} itself for a worker). */
    public static Node of(Node node, RaftView view) {
        ManagerStatus stored = node.managerStatus();
        if (stored == null || view == null) return node;
        String leader = view.leaderId();
        boolean self = node.id().equals(view.selfId());
        boolean leads = node.id().equals(leader);
        Reachability reachability;
        if (self || leads) {
            reachability = Reachability.REACHABLE;
        } else if (leader == null) {
            reachability = Reachability.UNREACHABLE;
        } else {
            reachability = stored.reachability();
        }
        if (stored.leader() == leads && stored.reachability() == reachability) return node;
        return node.withManagerStatus(new ManagerStatus(leads, reachability, stored.addr()));
    }
}
