package dev.shoal.cli.swarm;

import dev.shoal.cli.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarmctl swarm leave [--force]}: the answering node leaves its swarm (a manager only with --force). */
@Command(name = "leave", description = "Leave the swarm")
public final class SwarmLeave extends ApiCommand {
    @Option(names = {"-f", "--force"}, description = "Force this node to leave the swarm, ignoring warnings")
    private boolean force;

    @Override
    protected void execute() {
        client().leaveSwarm(force);
        out().println("Node left the swarm.");
    }
}
