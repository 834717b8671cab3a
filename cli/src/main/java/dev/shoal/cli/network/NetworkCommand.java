package dev.shoal.cli.network;

import dev.shoal.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code swarmctl network}: the parent of the verbs that manage the swarm's networks. */
@Command(name = "network", description = "Manage networks", commandListHeading = "%nCommands:%n")
public final class NetworkCommand extends NounCommand {
}
