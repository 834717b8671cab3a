package dev.shoal.cli.secret;

import dev.shoal.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code swarmctl secret}: the parent of the verbs that manage the swarm's secrets. */
@Command(name = "secret", description = "Manage Swarm secrets", commandListHeading = "%nCommands:%n")
public final class SecretCommand extends NounCommand {
}
