package dev.shoal.cli.service;

import dev.shoal.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code swarmctl service}: the parent of the verbs that manage services. */
@Command(name = "service", description = "Manage services",
        commandListHeading = "%nCommands:%n")
public final class ServiceCommand extends NounCommand {
}
