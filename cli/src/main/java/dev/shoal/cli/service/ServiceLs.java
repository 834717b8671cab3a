package dev.shoal.cli.service;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.Display;
import dev.shoal.cli.client.ServiceEntry;
import dev.shoal.cli.format.Table;
import dev.shoal.model.Ids;
import dev.shoal.model.ServiceSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarmctl service ls}: services with their mode, running/desired replicas, image and ingress ports. */
@Command(name = "ls", aliases = "list", description = "List services")
public final class ServiceLs extends ApiCommand {
    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    private boolean quiet;

    @Override
    protected void execute() {
        List<ServiceEntry> services = new ArrayList<>(client().services());
        services.sort(Comparator.comparing((ServiceEntry e) -> e.service().spec().name()).thenComparing(e -> e.service().id()));
        if (quiet) {
            for (ServiceEntry e : services) out().println(Ids.shortId(e.service().id()));
            return;
        }
        Table t = new Table("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS");
        for (ServiceEntry e : services) {
            ServiceSpec spec = e.service().spec();
            String image = spec.taskTemplate() == null || spec.taskTemplate().containerSpec() == null
                    ? "" : spec.taskTemplate().containerSpec().image();
            t.row(Ids.shortId(e.service().id()), spec.name(), spec.mode().display(), replicas(e), Display.image(image),
                    Display.ports(spec.endpointSpec().ports(), "ingress"));
        }
        t.print(out());
    }

    private static String replicas(ServiceEntry e) {
        ServiceSpec spec = e.service().spec();
        if (e.status() != null) return e.status().runningTasks() + "/" + e.status().desiredTasks();
        if (spec.mode().runsGlobally()) return "";
        return "?/" + spec.mode().replicated().replicas();
    }
}
