package dev.shoal.cli.service;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.client.ApiClient;
import dev.shoal.model.Service;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code swarmctl service rollback SERVICE}: as Docker's, puts back the spec the service had before its
 * last update (the manager swaps the two, so a second rollback undoes the first) and prints SERVICE; the
 * tasks then roll as the restored spec's update config says. Like every swarmctl verb it returns once
 * the manager has taken the change, so {@code --detach} and {@code --quiet} are accepted and change nothing.
 */
@Command(name = "rollback", description = "Revert changes to a service's configuration")
public final class ServiceRollback extends ApiCommand {
    @Option(names = {"-d", "--detach"}, description = "Exit immediately instead of waiting for the service to converge"
            + " (swarmctl always does)")
    private boolean detach;

    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output (swarmctl prints none)")
    private boolean quiet;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "Service name, id or id prefix")
    private String service;

    @Override
    protected void execute() {
        rollBack(client(), service, err());
        out().println(service);
    }

    /** Rolls the service {@code ref} names back to its previous spec; the manager's warnings go to {@code err}. */
    static void rollBack(ApiClient client, String ref, PrintWriter err) {
        Service current = client.service(ref);
        for (String w : client.rollbackService(current.id(), current.version().index(), current.spec())) err.println(w);
    }
}
