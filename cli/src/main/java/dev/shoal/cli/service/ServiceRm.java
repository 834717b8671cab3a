package dev.shoal.cli.service;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.CliException;
import dev.shoal.cli.client.ApiException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code swarmctl service rm}: removes each service, printing its name as given; goes on past failures and reports them at the end. */
@Command(name = "rm", aliases = {"remove"}, description = "Remove one or more services")
public final class ServiceRm extends ApiCommand {
    @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "Service name, id or id prefix")
    private List<String> services;

    @Override
    protected void execute() {
        List<String> errors = new ArrayList<>();
        for (String ref : services) {
            try {
                client().removeService(ref);
                out().println(ref);
            } catch (ApiException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) throw new CliException(String.join("\n", errors));
    }
}
