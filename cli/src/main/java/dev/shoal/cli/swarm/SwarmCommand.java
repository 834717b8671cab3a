package dev.shoal.cli.swarm;

import dev.shoal.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code swarmctl swarm}: the parent of the verbs that manage the swarm itself. */
@Command(name = "swarm", description = "Manage Swarm", commandListHeading = "%nCommands:%n")
public final class SwarmCommand extends NounCommand {
}
