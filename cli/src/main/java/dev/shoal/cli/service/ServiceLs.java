package dev.shoal.cli.service;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.Display;
import dev.shoal.cli.client.ServiceEntry;
import dev.shoal.cli.format.Table;
import dev.shoal.model.Ids;
import dev.shoal.model.ServiceMode;
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

    /**
     * Docker's REPLICAS column: {@code running/desired}; for a replicated job
     * {@code running/desired (completed/TotalCompletions completed)}; for a global job
     * {@code running/desired (completed/desired+completed completed)}; for a replicated service with a
     * per-node limit {@code running/desired (max N per node)}.
     */
    public static String replicas(ServiceEntry e) {
        ServiceSpec spec = e.service().spec();
        ServiceMode mode = spec.mode();
        if (e.status() == null) {
            if (mode.replicated() != null) return "?/" + mode.replicated().replicas();
            return "";
        }
        long running = e.status().runningTasks();
        long desired = e.status().desiredTasks();
        long completed = e.status().completedTasks();
        if (mode.replicatedJob() != null) {
            return running + "/" + desired + " (" + completed + "/" + mode.replicatedJob().totalCompletionsOrDefault() + " completed)";
        }
        if (mode.globalJob() != null) return running + "/" + desired + " (" + completed + "/" + (desired + completed) + " completed)";
        Long max = mode.replicated() != null && spec.taskTemplate() != null ? spec.taskTemplate().placement().maxReplicas() : null;
        if (max != null && max > 0) return running + "/" + desired + " (max " + max + " per node)";
        return running + "/" + desired;
    }
}
