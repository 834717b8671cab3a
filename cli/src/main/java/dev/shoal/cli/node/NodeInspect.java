package dev.shoal.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.CliException;
import dev.shoal.cli.Resolver;
import dev.shoal.cli.client.ApiException;
import dev.shoal.cli.format.JsonPrinter;
import dev.shoal.cli.format.NodePretty;
import dev.shoal.model.Node;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarmctl node inspect}: nodes as a JSON array, or in Docker's {@code --pretty} form. */
@Command(name = "inspect", description = "Display detailed information on one or more nodes")
public final class NodeInspect extends ApiCommand {
    @Option(names = "--pretty", description = "Print the information in a human friendly format")
    private boolean pretty;

    @Parameters(arity = "1..*", paramLabel = "NODE", description = "Node id, id prefix or hostname; \"self\" for the answering node")
    private List<String> nodes;

    @Override
    protected void execute() {
        Resolver resolver = new Resolver(client());
        ArrayNode found = client().mapper().createArrayNode();
        List<String> errors = new ArrayList<>();
        for (String ref : nodes) {
            try {
                found.add(client().nodeJson(resolver.nodeRef(ref)));
            } catch (ApiException e) {
                errors.add(e.getMessage());
            }
        }
        if (pretty) {
            boolean first = true;
            for (JsonNode n : found) {
                if (!first) out().println();
                first = false;
                out().print(new NodePretty().render(client().mapper().convertValue(n, Node.class)));
            }
        } else {
            new JsonPrinter(client().mapper()).print(found, out());
        }
        if (!errors.isEmpty()) throw new CliException(String.join("\n", errors));
    }
}
