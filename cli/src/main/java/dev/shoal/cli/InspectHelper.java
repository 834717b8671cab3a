package dev.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.shoal.cli.client.ApiException;
import dev.shoal.cli.format.JsonPrinter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/**
 * What every {@code inspect} verb of a named resource shares: fetch each reference, print the found
 * ones as one JSON array, then fail naming the ones not found (as Docker does).
 */
public abstract class InspectHelper extends ApiCommand {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Name, id or id prefix")
    private List<String> refs;

    /** The object {@code ref} names, as JSON. */
    protected abstract JsonNode fetch(String ref);

    @Override
    protected void execute() {
        ArrayNode all = client().mapper().createArrayNode();
        List<String> errors = new ArrayList<>();
        for (String ref : refs) {
            try {
                all.add(fetch(ref));
            } catch (ApiException e) {
                errors.add(e.getMessage());
            }
        }
        new JsonPrinter(client().mapper()).print(all, out());
        if (!errors.isEmpty()) throw new CliException(String.join("\n", errors));
    }
}
