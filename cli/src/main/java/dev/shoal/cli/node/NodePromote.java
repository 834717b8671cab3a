package dev.shoal.cli.node;

import dev.shoal.model.NodeRole;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code swarmctl node promote NODE [NODE...]}: makes workers managers. */
@Command(name = "promote", description = "Promote one or more nodes to manager in the swarm")
public final class NodePromote extends NodeRoleChange {
    @Parameters(arity = "1..*", paramLabel = "NODE", description = "Node id, id prefix or hostname")
    private List<String> nodes;

    @Override
    protected void execute() { change(nodes, NodeRole.MANAGER); }
}
