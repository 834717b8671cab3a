package dev.shoal.cli.network;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.format.Table;
import dev.shoal.model.Ids;
import dev.shoal.model.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarmctl network ls}: NETWORK ID, NAME, DRIVER, SCOPE, as Docker lists swarm networks. */
@Command(name = "ls", aliases = "list", description = "List networks")
public final class NetworkLs extends ApiCommand {
    @Option(names = {"-q", "--quiet"}, description = "Only display network IDs")
    private boolean quiet;

    @Override
    protected void execute() {
        Table t = new Table("NETWORK ID", "NAME", "DRIVER", "SCOPE");
        for (Network n : client().networks()) {
            if (quiet) out().println(n.id());
            else t.row(Ids.shortId(n.id()), n.spec().name(), n.spec().driverName(), "swarm");
        }
        if (!quiet) t.print(out());
    }
}
