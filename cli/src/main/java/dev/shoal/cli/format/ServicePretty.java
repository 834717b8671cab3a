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
import dev.shoal.model.UpdateConfig;
import dev.shoal.model.UpdateState;
import dev.shoal.model.UpdateStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a service as {@code docker service inspect --pretty} does (the same labels, tab-separated; times
 * as how long ago, relative to the {@code now} given). Update and rollback configs show Docker's defaults
 * for the fields left unset.
 */
public final class ServicePretty {
    private final Instant now;

    public ServicePretty(Instant now) { this.now = now; }

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
        updateStatus(b, s.updateStatus());
        TaskSpec task = spec.taskTemplate();
        b.append("Placement:\n");
        if (task != null && !task.placement().constraints().isEmpty()) {
            b.append(" Constraints:\t[").append(String.join(" ", task.placement().constraints())).append("]\n");
        }
        rollout(b, "UpdateConfig", " Update order:      ", spec.updateConfig());
        rollout(b, "RollbackConfig", " Rollback order:    ", spec.rollbackConfig());
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

    private void updateStatus(StringBuilder b, UpdateStatus u) {
        if (u == null || u.state() == null) return;
        b.append("UpdateStatus:\n");
        b.append(" State:\t\t").append(u.state().json()).append('\n');
        if (u.startedAt() != null) b.append(" Started:\t").append(TimeAgo.humanDuration(Duration.between(u.startedAt(), now))).append('\n');
        if (u.state() == UpdateState.COMPLETED && u.completedAt() != null) {
            b.append(" Completed:\t").append(TimeAgo.humanDuration(Duration.between(u.completedAt(), now))).append('\n');
        }
        b.append(" Message:\t").append(u.message() == null ? "" : u.message()).append('\n');
    }

    private static void rollout(StringBuilder b, String title, String orderLabel, UpdateConfig u) {
        if (u == null) return;
        b.append(title).append(":\n");
        b.append(" Parallelism:\t").append(u.parallelism() == null ? 1 : u.parallelism()).append('\n');
        if (u.delay() != null && u.delay() > 0) b.append(" Delay:\t\t").append(GoDuration.format(u.delay())).append('\n');
        b.append(" On failure:\t").append(u.failureActionOrDefault()).append('\n');
        if (u.monitorOrDefault() > 0) b.append(" Monitoring Period: ").append(GoDuration.format(u.monitorOrDefault())).append('\n');
        b.append(" Max failure ratio: ").append(ratio(u.maxFailureRatioOrDefault())).append('\n');
        b.append(orderLabel).append(u.order() == null || u.order().isEmpty() ? "stop-first" : u.order()).append('\n');
    }

    /** A ratio as Go prints a float32: "0", "0.2". */
    private static String ratio(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : Float.toString((float) r);
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
