package dev.shoal.cli.node;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.Resolver;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarmctl node rm [--force] NODE [NODE...]}: removes nodes from the swarm, printing each. */
@Command(name = "rm", aliases = "remove", description = "Remove one or more nodes from the swarm")
public final class NodeRm extends ApiCommand {
    @Option(names = {"-f", "--force"}, description = "Force remove a node from the swarm")
    private boolean force;

    @Parameters(arity = "1..*", paramLabel = "NODE", description = "Node id, id prefix or hostname")
    private List<String> nodes;

    @Override
    protected void execute() {
        Resolver resolver = new Resolver(client());
        for (String ref : nodes) {
            client().removeNode(resolver.nodeRef(ref), force);
            out().println(ref);
        }
    }
}
