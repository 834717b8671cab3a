package dev.shoal.cli.swarm;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.CliException;
import dev.shoal.model.Cluster;
import dev.shoal.model.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code swarmctl swarm join-token [-q] [--rotate] (worker|manager)}: prints the command that joins a
 * node with the given role (or only the token with {@code -q}); {@code --rotate} replaces the token
 * first, so the old one stops working.
 */
@Command(name = "join-token", description = "Manage join tokens")
public final class SwarmJoinToken extends ApiCommand {
    @Option(names = {"-q", "--quiet"}, description = "Only display token")
    private boolean quiet;

    @Option(names = "--rotate", description = "Rotate join token")
    private boolean rotate;

    @Parameters(index = "0", arity = "1", paramLabel = "(worker|manager)", description = "The role the token admits")
    private String role;

    @Override
    protected void execute() {
        boolean worker = "worker".equals(role);
        if (!worker && !"manager".equals(role)) throw new CliException("unknown role " + role + " (expected worker or manager)");
        Cluster cluster = rotate ? client().rotateJoinTokens(worker, !worker) : client().cluster();
        String token = cluster.joinTokens() == null ? null : worker ? cluster.joinTokens().worker() : cluster.joinTokens().manager();
        if (token == null) throw new CliException("the swarm has no " + role + " join token");
        if (rotate && !quiet) out().println("Successfully rotated " + role + " join token.\n");
        if (quiet) {
            out().println(token);
            return;
        }
        String self = client().info().nodeId();
        Node node = client().node(self);
        String addr = node.managerStatus() == null ? "MANAGER-IP:2377" : node.managerStatus().addr();
        out().println("To add a " + role + " to this swarm, run the following command:");
        out().println();
        out().println("    swarmctl swarm join --token " + token + " " + addr);
        out().println();
    }
}
