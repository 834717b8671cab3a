package dev.shoal.cli.node;

import dev.shoal.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code swarmctl node}: the parent of the verbs that manage swarm nodes. */
@Command(name = "node", description = "Manage Swarm nodes", commandListHeading = "%nCommands:%n")
public final class NodeCommand extends NounCommand {
}
