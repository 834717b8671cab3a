package dev.shoal.cli.stack;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.CliException;
import dev.shoal.cli.Display;
import dev.shoal.cli.client.ServiceEntry;
import dev.shoal.cli.format.Table;
import dev.shoal.model.Ids;
import dev.shoal.model.ServiceSpec;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarmctl stack services STACK}: the stack's services as {@code service ls} shows them. */
@Command(name = "services", description = "List the services in the stack")
public final class StackServices extends ApiCommand {
    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    private boolean quiet;

    @Parameters(index = "0", paramLabel = "STACK", description = "Stack name")
    private String stack;

    @Override
    protected void execute() {
        List<ServiceEntry> services = StackObjects.of(client(), stack).services();
        if (services.isEmpty()) throw new CliException("Nothing found in stack: " + stack);
        Table t = new Table("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS");
        for (ServiceEntry e : services) {
            if (quiet) {
                out().println(Ids.shortId(e.service().id()));
                continue;
            }
            ServiceSpec spec = e.service().spec();
            t.row(Ids.shortId(e.service().id()), spec.name(), spec.mode().display(), dev.shoal.cli.service.ServiceLs.replicas(e),
                    Display.image(spec.taskTemplate().containerSpec().image()),
                    Display.ports(spec.endpointSpec().ports(), "ingress"));
        }
        if (!quiet) t.print(out());
    }
}
