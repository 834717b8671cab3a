package dev.shoal.cli.swarm;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.client.ApiException;
import dev.shoal.cli.client.InitRequest;
import dev.shoal.model.Cluster;
import dev.shoal.model.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmctl swarm init}: asks the daemon to create a swarm with itself as the first manager,
 * then prints Docker's "Swarm initialized" text with the command that joins a worker.
 */
@Command(name = "init", description = "Initialize a swarm")
public final class SwarmInit extends ApiCommand {
    @Option(names = "--advertise-addr", paramLabel = "string", description = "Advertised address (format: <ip|interface>[:port])")
    private String advertiseAddr;

    @Option(names = "--listen-addr", paramLabel = "node-addr", description = "Listen address (format: <ip|interface>[:port])")
    private String listenAddr;

    @Option(names = "--force-new-cluster", description = "Force create a new cluster from current state")
    private boolean forceNewCluster;

    @Override
    protected void execute() {
        String nodeId = client().initSwarm(new InitRequest(listenAddr, advertiseAddr, forceNewCluster ? Boolean.TRUE : null));
        out().println("Swarm initialized: current node (" + nodeId + ") is now a manager.");
        String join = joinCommand(nodeId);
        if (join != null) {
            out().println();
            out().println("To add a worker to this swarm, run the following command:");
            out().println();
            out().println("    " + join);
            out().println();
            out().println("To add a manager to this swarm, run 'swarmctl swarm join-token manager' and follow the instructions.");
            out().println();
        }
    }

    /** The worker join command, or null when the token or the manager address cannot be read yet. */
    private String joinCommand(String nodeId) {
        try {
            Cluster cluster = client().cluster();
            if (cluster.joinTokens() == null || cluster.joinTokens().worker() == null) return null;
            Node self = client().node(nodeId);
            String addr = self.managerStatus() == null ? null : self.managerStatus().addr();
            if (addr == null || addr.isEmpty()) return null;
            return "swarmctl swarm join --token " + cluster.joinTokens().worker() + " " + addr;
        } catch (ApiException e) {
            return null;
        }
    }
}
