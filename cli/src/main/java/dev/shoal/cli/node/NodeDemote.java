package dev.shoal.cli.node;

import dev.shoal.model.NodeRole;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code swarmctl node demote NODE [NODE...]}: makes managers workers (never the last one, never losing quorum). */
@Command(name = "demote", description = "Demote one or more nodes from manager in the swarm")
public final class NodeDemote extends NodeRoleChange {
    @Parameters(arity = "1..*", paramLabel = "NODE", description = "Node id, id prefix or hostname")
    private List<String> nodes;

    @Override
    protected void execute() { change(nodes, NodeRole.WORKER); }
}
