package dev.shoal.cli.node;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.Display;
import dev.shoal.cli.format.Table;
import dev.shoal.model.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarmctl node ls}: the nodes of the swarm as Docker lists them, the answering node marked with {@code *}. */
@Command(name = "ls", aliases = "list", description = "List nodes in the swarm")
public final class NodeLs extends ApiCommand {
    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    private boolean quiet;

    @Override
    protected void execute() {
        List<Node> nodes = new ArrayList<>(client().nodes());
        nodes.sort(Comparator.comparing(Node::hostname).thenComparing(Node::id));
        if (quiet) {
            for (Node n : nodes) out().println(n.id());
            return;
        }
        String self = client().info().nodeId();
        Table t = new Table("ID", "HOSTNAME", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE VERSION");
        for (Node n : nodes) {
            t.row(n.id() + (n.id().equals(self) ? " *" : ""),
                    n.hostname(),
                    n.status() == null || n.status().state() == null ? "" : n.status().state().display(),
                    n.spec() == null ? "" : n.spec().availability().display(),
                    Display.managerStatus(n),
                    Display.engineVersion(n));
        }
        t.print(out());
    }
}
