package dev.shoal.manager.controlapi;

import dev.shoal.model.Node;
import dev.shoal.model.NodeRole;
import dev.shoal.model.Reachability;
import java.util.Collection;

/**
 * The rules that keep the managers' Raft group safe when its membership changes, as Swarm's: the last
 * manager cannot be demoted, and no manager may leave when the managers that would remain could not
 * form a quorum among the ones reachable now. Pure functions of the store's nodes; stateless.
 */
public final class MembershipRules {
    private MembershipRules() {}

    /** Why demoting (or removing) {@code target} must be refused, or null when it is safe. */
    public static String demotionRefusal(Collection<Node> nodes, Node target) {
        int managers = 0;
        int reachableRemaining = 0;
        for (Node n : nodes) {
            if (n.managerStatus() == null && n.spec().role() != NodeRole.MANAGER) continue;
            managers++;
            if (n.id().equals(target.id())) continue;
            if (n.managerStatus() != null && (n.managerStatus().leader() || n.managerStatus().reachability() == Reachability.REACHABLE)) {
                reachableRemaining++;
            }
        }
        if (managers <= 1) {
            return "attempting to demote the last manager of the swarm: promote another node to manager first";
        }
        int remaining = managers - 1;
        int quorum = remaining / 2 + 1;
        if (reachableRemaining < quorum) {
            return "can't remove " + target.hostname() + " from the raft: this would result in a loss of quorum ("
                    + reachableRemaining + " of the " + remaining + " remaining managers are reachable; " + quorum + " are needed)";
        }
        return null;
    }
}
