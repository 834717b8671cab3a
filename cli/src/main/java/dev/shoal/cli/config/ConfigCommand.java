package dev.shoal.cli.config;

import dev.shoal.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code swarmctl config}: the parent of the verbs that manage the swarm's configs. */
@Command(name = "config", description = "Manage Swarm configs", commandListHeading = "%nCommands:%n")
public final class ConfigCommand extends NounCommand {
}
