package dev.shoal.cli.service;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.client.ApiClient;
import dev.shoal.model.Service;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code swarmctl service rollback SERVICE}: as Docker's, puts back the spec the service had before its
 * last update (the manager swaps the two, so a second rollback undoes the first) and prints SERVICE; the
 * tasks then roll as the service's rollback config says. It returns once the manager has taken the change,
 * or with {@code --detach=false} once the service has converged ({@link ConvergeFlags}).
 */
@Command(name = "rollback", description = "Revert changes to a service's configuration")
public final class ServiceRollback extends ApiCommand {
    @Mixin
    private ConvergeFlags converge = new ConvergeFlags();

    @Parameters(index = "0", paramLabel = "SERVICE", description = "Service name, id or id prefix")
    private String service;

    @Override
    protected void execute() {
        rollBack(client(), service, err());
        out().println(service);
        converge.awaitIfAttached(client(), service, out(), true);
    }

    /** Rolls the service {@code ref} names back to its previous spec; the manager's warnings go to {@code err}. */
    static void rollBack(ApiClient client, String ref, PrintWriter err) {
        Service current = client.service(ref);
        for (String w : client.rollbackService(current.id(), current.version().index(), current.spec())) err.println(w);
    }
}
