package dev.shoal.manager.orchestrator.global;

import dev.shoal.manager.scheduler.Constraint;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeState;
import dev.shoal.model.Service;
import dev.shoal.model.TaskSpec;
import java.util.List;

/**
 * Which nodes a service that runs one task per node (global, global job) may use, by SwarmKit's rules:
 * a node keeps its task while it is in the cluster, not DOWN, not drained and matches the service's
 * placement constraints; it gets a new task only if, in addition, it is ACTIVE (a paused node keeps
 * what it has and gets nothing new). Constraints are parsed with the scheduler's {@link Constraint};
 * a stored constraint that does not parse matches no node. Immutable and thread-safe.
 */
public final class NodeEligibility {
    private final List<Constraint> constraints;

    private NodeEligibility(List<Constraint> constraints) { this.constraints = constraints; }

    /** The eligibility rules of {@code service}'s current task template. */
    public static NodeEligibility of(Service service) {
        TaskSpec t = service.spec().taskTemplate();
        if (t == null) return new NodeEligibility(List.of());
        try {
            return new NodeEligibility(Constraint.parseAll(t.placement().constraints()));
        } catch (IllegalArgumentException e) {
            return new NodeEligibility(null);
        }
    }

    /** Whether a task of the service may stay (or be restarted) on {@code node}; false for a null node. */
    public boolean mayKeep(Node node) {
        if (node == null || constraints == null) return false;
        if (node.status() != null && node.status().state() == NodeState.DOWN) return false;
        if (node.spec().availability() == NodeAvailability.DRAIN) return false;
        for (Constraint c : constraints) if (!c.matches(node)) return false;
        return true;
    }

    /** Whether a new task of the service may be started on {@code node}. */
    public boolean mayStart(Node node) { return mayKeep(node) && node.spec().availability() == NodeAvailability.ACTIVE; }
}
