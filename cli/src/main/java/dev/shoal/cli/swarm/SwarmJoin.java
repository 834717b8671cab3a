package dev.shoal.cli.swarm;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.client.JoinRequest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code swarmctl swarm join --token TOKEN HOST:PORT}: asks the daemon to join the swarm that manager
 * belongs to, as a worker or a manager depending on the token, and prints Docker's confirmation.
 */
@Command(name = "join", description = "Join a swarm as a node and/or manager")
public final class SwarmJoin extends ApiCommand {
    @Option(names = "--token", required = true, paramLabel = "string", description = "Token for entry into the swarm")
    private String token;

    @Option(names = "--advertise-addr", paramLabel = "string", description = "Advertised address (format: <ip|interface>[:port])")
    private String advertiseAddr;

    @Option(names = "--listen-addr", paramLabel = "node-addr", description = "Listen address (format: <ip|interface>[:port])")
    private String listenAddr;

    @Parameters(index = "0", arity = "1", paramLabel = "HOST:PORT", description = "Address of a manager of the swarm")
    private String remote;

    @Override
    protected void execute() {
        client().joinSwarm(new JoinRequest(listenAddr, advertiseAddr, List.of(remote), token));
        boolean manager = client().info().controlAvailable();
        out().println(manager ? "This node joined a swarm as a manager." : "This node joined a swarm as a worker.");
    }
}
