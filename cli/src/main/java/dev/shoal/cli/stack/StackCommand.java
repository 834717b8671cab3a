package dev.shoal.cli.stack;

import dev.shoal.cli.NounCommand;
import picocli.CommandLine.Command;

/** {@code swarmctl stack}: the parent of the verbs that manage stacks. */
@Command(name = "stack", description = "Manage Swarm stacks",
        commandListHeading = "%nCommands:%n")
public final class StackCommand extends NounCommand {
}
