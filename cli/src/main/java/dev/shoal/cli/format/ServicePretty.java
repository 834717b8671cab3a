package dev.shoal.cli.format;

import dev.shoal.cli.opts.ByteSize;
import dev.shoal.cli.opts.GoDuration;
import dev.shoal.cli.opts.NanoCpus;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.PortConfig;
import dev.shoal.model.Resources;
import dev.shoal.model.RestartPolicy;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.TaskSpec;
import java.util.Map;
import java.util.TreeMap;

/** Renders a service as {@code docker service inspect --pretty} does (the same labels, tab-separated). */
public final class ServicePretty {
    /** The service's pretty form, starting with a blank line and ending with a newline, as Docker's. */
    public String render(Service s) {
        ServiceSpec spec = s.spec();
        StringBuilder b = new StringBuilder("\n");
        b.append("ID:\t\t").append(s.id()).append('\n');
        b.append("Name:\t\t").append(spec.name()).append('\n');
        if (!spec.labels().isEmpty()) {
            b.append("Labels:\n");
            for (Map.Entry<String, String> e : new TreeMap<>(spec.labels()).entrySet()) {
                b.append(" ").append(e.getKey());
                if (!e.getValue().isEmpty()) b.append('=').append(e.getValue());
                b.append('\n');
            }
        }
        b.append("Service Mode:");
        if (spec.mode().global() != null) {
            b.append("\tGlobal\n");
        } else if (spec.mode().globalJob() != null) {
            b.append("\tGlobal Job\n");
        } else if (spec.mode().replicatedJob() != null) {
            b.append("\tReplicated Job\n");
            b.append(" Max Concurrent:\t").append(spec.mode().replicatedJob().maxConcurrentOrDefault()).append('\n');
            b.append(" Total Completions:\t").append(spec.mode().replicatedJob().totalCompletionsOrDefault()).append('\n');
        } else {
            b.append("\tReplicated\n");
            b.append(" Replicas:\t").append(spec.mode().replicated() == null ? 0 : spec.mode().replicated().replicas()).append('\n');
        }
        TaskSpec task = spec.taskTemplate();
        b.append("Placement:\n");
        if (task != null && !task.placement().constraints().isEmpty()) {
            b.append(" Constraints:\t[").append(String.join(" ", task.placement().constraints())).append("]\n");
        }
        if (task != null) {
            RestartPolicy r = task.restartPolicy();
            b.append("RestartPolicy:\n");
            String condition = r.condition() == null && spec.mode().isJob() ? "on-failure" : r.effectiveCondition().json();
            b.append(" Condition:\t").append(condition).append('\n');
            b.append(" Delay:\t\t").append(GoDuration.format(r.delayNanos())).append('\n');
            b.append(" MaxAttempts:\t").append(r.maxAttemptsOrZero()).append('\n');
            b.append(" Window:\t").append(GoDuration.format(r.windowNanos())).append('\n');
            ContainerSpec c = task.containerSpec();
            if (c != null) containerSpec(b, c);
            resources(b, task.resources().reservations(), task.resources().limits());
        }
        b.append("Endpoint Mode:\t").append(spec.endpointSpec().mode()).append('\n');
        if (!spec.endpointSpec().ports().isEmpty()) {
            b.append("Ports:\n");
            for (PortConfig p : spec.endpointSpec().ports()) {
                b.append(" PublishedPort = ").append(p.publishedPort()).append('\n');
                b.append("  Protocol = ").append(p.protocol()).append('\n');
                b.append("  TargetPort = ").append(p.targetPort()).append('\n');
                b.append("  PublishMode = ").append(p.publishMode()).append('\n');
            }
        }
        return b.toString();
    }

    private static void containerSpec(StringBuilder b, ContainerSpec c) {
        b.append("ContainerSpec:\n");
        b.append(" Image:\t\t").append(c.image()).append('\n');
        if (!c.command().isEmpty()) b.append(" Command:\t").append(String.join(" ", c.command())).append('\n');
        if (!c.args().isEmpty()) b.append(" Args:\t\t").append(String.join(" ", c.args())).append('\n');
        if (!c.env().isEmpty()) b.append(" Env:\t\t").append(String.join(" ", c.env())).append('\n');
        if (c.dir() != null && !c.dir().isEmpty()) b.append(" Dir:\t\t").append(c.dir()).append('\n');
        if (c.user() != null && !c.user().isEmpty()) b.append(" User: ").append(c.user()).append('\n');
        if (c.hostname() != null && !c.hostname().isEmpty()) b.append(" Hostname:\t").append(c.hostname()).append('\n');
        if (c.stopGracePeriod() != null) b.append(" StopGracePeriod:\t").append(GoDuration.format(c.stopGracePeriod())).append('\n');
    }

    private static void resources(StringBuilder b, Resources reservations, Resources limits) {
        if (reservations.none() && limits.none()) return;
        b.append("Resources:\n");
        if (!reservations.none()) {
            b.append(" Reservations:\n");
            amounts(b, reservations);
        }
        if (!limits.none()) {
            b.append(" Limits:\n");
            amounts(b, limits);
        }
    }

    private static void amounts(StringBuilder b, Resources r) {
        if (r.nanoCpus() > 0) b.append("  CPU:\t\t").append(NanoCpus.format(r.nanoCpus())).append('\n');
        if (r.memoryBytes() > 0) b.append("  Memory:\t").append(ByteSize.format(r.memoryBytes())).append('\n');
    }
}
