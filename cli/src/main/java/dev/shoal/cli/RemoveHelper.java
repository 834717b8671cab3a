package dev.shoal.cli;

import dev.shoal.cli.client.ApiException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** What every {@code rm} verb of a named resource shares: remove each, print it, report failures at the end. */
public abstract class RemoveHelper extends ApiCommand {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Name, id or id prefix")
    private List<String> refs;

    /** Removes the object {@code ref} names. */
    protected abstract void remove(String ref);

    @Override
    protected void execute() {
        List<String> errors = new ArrayList<>();
        for (String ref : refs) {
            try {
                remove(ref);
                out().println(ref);
            } catch (ApiException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) throw new CliException(String.join("\n", errors));
    }
}
