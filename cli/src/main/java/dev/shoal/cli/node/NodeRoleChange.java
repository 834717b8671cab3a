package dev.shoal.cli.node;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.Resolver;
import dev.shoal.model.Node;
import dev.shoal.model.NodeRole;
import java.util.List;
import java.io.PrintWriter;

/**
 * What {@code node promote} and {@code node demote} share: for each node, read it, set the role and
 * send the spec back with the version read; a node already in the role is reported, as Docker does.
 */
abstract class NodeRoleChange extends ApiCommand {
    /** Changes the role of every node in {@code refs}; stops at the first failure. */
    protected void change(List<String> refs, NodeRole role) {
        Resolver resolver = new Resolver(client());
        PrintWriter out = out();
        for (String ref : refs) {
            Node n = client().node(resolver.nodeRef(ref));
            if (n.spec().role() == role) {
                out.println("Node " + ref + " is already a " + role.json() + ".");
                continue;
            }
            client().updateNode(n.id(), n.version().index(), n.spec().withRole(role));
            out.println("Node " + ref + (role == NodeRole.MANAGER ? " promoted to a manager in the swarm." : " demoted in the swarm."));
        }
    }
}
