package dev.shoal.cli.stack;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.CliException;
import dev.shoal.cli.client.ApiException;
import dev.shoal.cli.client.ServiceEntry;
import dev.shoal.model.Config;
import dev.shoal.model.Network;
import dev.shoal.model.Secret;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code swarmctl stack rm STACK...}: removes the stack's services, then its secrets, configs and
 * networks, as Docker does; a stack with nothing in it is an error.
 */
@Command(name = "rm", aliases = {"remove", "down"}, description = "Remove one or more stacks")
public final class StackRm extends ApiCommand {
    @Parameters(arity = "1..*", paramLabel = "STACK", description = "Stack name")
    private List<String> stacks;

    @Override
    protected void execute() {
        List<String> errors = new ArrayList<>();
        for (String stack : stacks) {
            StackObjects objects = StackObjects.of(client(), stack);
            if (objects.isEmpty()) {
                errors.add("Nothing found in stack: " + stack);
                continue;
            }
            for (ServiceEntry e : objects.services()) {
                out().println("Removing service " + e.service().spec().name());
                tryRemove(errors, () -> client().removeService(e.service().id()));
            }
            for (Secret s : objects.secrets()) {
                out().println("Removing secret " + s.spec().name());
                tryRemove(errors, () -> client().removeSecret(s.id()));
            }
            for (Config c : objects.configs()) {
                out().println("Removing config " + c.spec().name());
                tryRemove(errors, () -> client().removeConfig(c.id()));
            }
            for (Network n : objects.networks()) {
                out().println("Removing network " + n.spec().name());
                tryRemove(errors, () -> client().removeNetwork(n.id()));
            }
        }
        if (!errors.isEmpty()) throw new CliException(String.join("\n", errors));
    }

    private static void tryRemove(List<String> errors, Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            errors.add(e.getMessage());
        }
    }
}
