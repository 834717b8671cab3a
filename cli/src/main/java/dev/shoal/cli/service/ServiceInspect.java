package dev.shoal.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.CliException;
import dev.shoal.cli.client.ApiException;
import dev.shoal.cli.format.JsonPrinter;
import dev.shoal.cli.format.ServicePretty;
import dev.shoal.model.Service;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarmctl service inspect}: services as a JSON array, or in Docker's {@code --pretty} form. */
@Command(name = "inspect", description = "Display detailed information on one or more services")
public final class ServiceInspect extends ApiCommand {
    @Option(names = "--pretty", description = "Print the information in a human friendly format")
    private boolean pretty;

    @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "Service name, id or id prefix")
    private List<String> services;

    @Override
    protected void execute() {
        ArrayNode found = client().mapper().createArrayNode();
        List<String> errors = new ArrayList<>();
        for (String ref : services) {
            try {
                found.add(client().serviceJson(ref));
            } catch (ApiException e) {
                errors.add(e.getMessage());
            }
        }
        if (pretty) {
            for (JsonNode n : found) out().print(new ServicePretty(now()).render(client().mapper().convertValue(n, Service.class)));
        } else {
            new JsonPrinter(client().mapper()).print(found, out());
        }
        if (!errors.isEmpty()) throw new CliException(String.join("\n", errors));
    }
}
