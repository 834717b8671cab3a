package dev.shoal.manager.controlapi;

import dev.shoal.model.ContainerSpec;
import dev.shoal.model.EndpointSpec;
import dev.shoal.model.GenericResource;
import dev.shoal.model.PlacementPreference;
import dev.shoal.model.PortConfig;
import dev.shoal.model.ReplicatedJob;
import dev.shoal.model.Resources;
import dev.shoal.model.RestartPolicy;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.UpdateConfig;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a service spec on its own (no store access) the way SwarmKit's control API does, and throws
 * {@link ApiException} of kind {@link ApiException.Kind#INVALID} with a message that starts like
 * Docker's and says what to fix. Stateless and thread-safe.
 */
final class SpecValidator {
    /** SwarmKit's rule: a DNS name component (letters, digits, '-' and '_', starting and ending with a letter or digit). */
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$");
    private static final Pattern CONSTRAINT = Pattern.compile("^\\s*[\\w.\\-]+\\s*(==|!=)\\s*[^=!\\s].*$");
    static final int MAX_NAME = 63;

    private SpecValidator() {}

    /** Validates {@code spec}, whose name the caller has already filled in. */
    static void validate(ServiceSpec spec) {
        if (spec == null) throw ApiException.invalid("a service spec must be provided");
        validateName(spec.name());
        validateTask(spec.taskTemplate());
        validateMode(spec.mode());
        validateEndpoint(spec.endpointSpec());
        validateUpdate(spec.updateConfig(), "update");
        validateUpdate(spec.rollbackConfig(), "rollback");
    }

    /**
     * SwarmKit's checks, plus a parallelism that cannot be negative (Docker's is unsigned) and a failure
     * action and order that Docker knows (a rollback cannot fail into another rollback).
     */
    private static void validateUpdate(UpdateConfig u, String what) {
        if (u == null) return;
        String config = what.equals("update") ? "UpdateConfig" : "RollbackConfig";
        if (u.parallelism() != null && u.parallelism() < 0) throw ApiException.invalid(config + ": parallelism cannot be negative");
        if (u.delay() != null && u.delay() < 0) throw ApiException.invalid("TaskSpec: " + what + "-delay cannot be negative");
        if (u.monitor() != null && u.monitor() < 0) throw ApiException.invalid("TaskSpec: " + what + "-monitor cannot be negative");
        if (u.maxFailureRatio() != null && (u.maxFailureRatio() < 0 || u.maxFailureRatio() > 1)) {
            throw ApiException.invalid("TaskSpec: " + what + "-maxfailureratio cannot be less than 0 or bigger than 1");
        }
        String action = u.failureAction();
        boolean known = action == null || action.isEmpty() || action.equals("pause") || action.equals("continue")
                || (action.equals("rollback") && what.equals("update"));
        if (!known) {
            throw ApiException.invalid(config + ": invalid failure action \"" + action + "\": must be "
                    + (what.equals("update") ? "pause, continue or rollback" : "pause or continue"));
        }
        if (u.order() != null && !u.order().isEmpty() && !u.order().equals("stop-first") && !u.order().equals("start-first")) {
            throw ApiException.invalid(config + ": invalid order \"" + u.order() + "\": must be stop-first or start-first");
        }
    }

    static void validateName(String name) {
        if (name == null || name.isEmpty()) throw ApiException.invalid("meta: name must be provided");
        if (name.length() > MAX_NAME) {
            throw ApiException.invalid("invalid service name \"" + name + "\": name must be " + MAX_NAME
                    + " characters or fewer (it has " + name.length() + ")");
        }
        if (!NAME.matcher(name).matches()) {
            throw ApiException.invalid("invalid service name \"" + name + "\": name must be valid as a DNS name component"
                    + " (letters, digits, '-' and '_', starting and ending with a letter or digit)");
        }
    }

    private static void validateTask(TaskSpec task) {
        ContainerSpec c = task == null ? null : task.containerSpec();
        if (c == null || c.image() == null || c.image().isBlank()) {
            throw ApiException.invalid("ContainerSpec: image reference must be provided");
        }
        if (!ImageReference.isValid(c.image())) {
            throw ApiException.invalid("ContainerSpec: \"" + c.image() + "\" is not a valid repository/tag");
        }
        if (c.stopGracePeriod() != null && c.stopGracePeriod() < 0) {
            throw ApiException.invalid("ContainerSpec: stop-grace-period cannot be negative");
        }
        RestartPolicy rp = task.restartPolicy();
        if (rp.delay() != null && rp.delay() < 0) throw ApiException.invalid("TaskSpec: restart-delay cannot be negative");
        if (rp.window() != null && rp.window() < 0) throw ApiException.invalid("TaskSpec: restart-window cannot be negative");
        if (rp.maxAttempts() != null && rp.maxAttempts() < 0) {
            throw ApiException.invalid("TaskSpec: restart-max-attempts cannot be negative");
        }
        checkResources("limits", task.resources().limits());
        checkResources("reservations", task.resources().reservations());
        for (String constraint : task.placement().constraints()) {
            if (!CONSTRAINT.matcher(constraint).matches()) {
                throw ApiException.invalid("Placement: invalid constraint \"" + constraint
                        + "\": constraint expected one operator from ==, !=");
            }
        }
        Long max = task.placement().maxReplicas();
        if (max != null && max < 0) throw ApiException.invalid("Placement: max-replicas cannot be negative");
        for (PlacementPreference p : task.placement().preferences()) validatePreference(p);
        validateGeneric(task.resources().reservations());
        if (!task.resources().limits().genericResources().isEmpty()) {
            throw ApiException.invalid("TaskSpec: generic resources can only be reserved, not limited");
        }
    }

    /**
     * Spread is the only strategy, over {@code node.labels.X} or {@code engine.labels.X}. Swarm silently
     * ignores any other descriptor; refusing it tells the user at once.
     */
    private static void validatePreference(PlacementPreference p) {
        if (p == null || p.spread() == null) {
            throw ApiException.invalid("Placement: unsupported placement preference (only spread is supported)");
        }
        String d = p.spread().spreadDescriptor();
        String lower = d == null ? "" : d.toLowerCase(java.util.Locale.ROOT);
        boolean ok = (lower.startsWith("node.labels.") && lower.length() > "node.labels.".length())
                || (lower.startsWith("engine.labels.") && lower.length() > "engine.labels.".length());
        if (!ok) {
            throw ApiException.invalid("Placement: invalid spread descriptor \"" + (d == null ? "" : d)
                    + "\": expected node.labels.<label> or engine.labels.<label>");
        }
    }

    /** Tasks reserve discrete amounts only (SwarmKit's rule), each kind once, none negative. */
    private static void validateGeneric(Resources r) {
        Set<String> kinds = new HashSet<>();
        for (GenericResource g : r.genericResources()) {
            if (g.discreteResourceSpec() == null) {
                throw ApiException.invalid("TaskSpec: invalid generic-resource request for " + (g.kind() == null ? "an unnamed kind" : g.kind())
                        + ": Named Generic Resources is not supported for service create or update (reserve an amount, e.g. gpu=1)");
            }
            String kind = g.kind();
            if (kind == null || kind.isBlank()) throw ApiException.invalid("TaskSpec: a generic resource must have a Kind");
            if (g.discreteResourceSpec().value() < 0) {
                throw ApiException.invalid("TaskSpec: cannot ask for negative resource " + kind);
            }
            if (!kinds.add(kind)) throw ApiException.invalid("TaskSpec: duplicate generic-resource " + kind + " for service task");
        }
    }

    private static void checkResources(String what, Resources r) {
        if (r.nanoCpus() < 0 || r.memoryBytes() < 0) {
            throw ApiException.invalid("TaskSpec: resource " + what + " cannot be negative");
        }
    }

    private static void validateMode(ServiceMode mode) {
        if (mode.modesSet() > 1) {
            throw ApiException.invalid("ServiceSpec: a service's mode is one of Replicated, Global, ReplicatedJob or GlobalJob, not several");
        }
        ReplicatedJob job = mode.replicatedJob();
        if (job != null && job.maxConcurrent() != null && job.maxConcurrent() < 0) {
            throw ApiException.invalid("ReplicatedJob: MaxConcurrent must be non-negative (got " + job.maxConcurrent() + ")");
        }
        if (job != null && job.totalCompletions() != null && job.totalCompletions() < 0) {
            throw ApiException.invalid("ReplicatedJob: TotalCompletions must be non-negative (got " + job.totalCompletions() + ")");
        }
        if (mode.replicated() != null && mode.replicated().replicas() < 0) {
            throw ApiException.invalid("Number of replicas must be non-negative (got " + mode.replicated().replicas() + ")");
        }
    }

    private static void validateEndpoint(EndpointSpec ep) {
        if (!ep.mode().equals("vip") && !ep.mode().equals("dnsrr")) {
            throw ApiException.invalid("EndpointSpec: invalid resolution mode \"" + ep.mode() + "\": must be vip or dnsrr");
        }
        Set<String> published = new HashSet<>();
        for (PortConfig p : ep.ports()) {
            if (p.targetPort() < 1 || p.targetPort() > 65535) {
                throw ApiException.invalid("EndpointSpec: invalid target port " + p.targetPort() + ": must be between 1 and 65535");
            }
            if (p.publishedPort() < 0 || p.publishedPort() > 65535) {
                throw ApiException.invalid("EndpointSpec: invalid published port " + p.publishedPort()
                        + ": must be between 1 and 65535");
            }
            if (!p.protocol().equals("tcp") && !p.protocol().equals("udp") && !p.protocol().equals("sctp")) {
                throw ApiException.invalid("EndpointSpec: invalid protocol \"" + p.protocol() + "\": must be tcp, udp or sctp");
            }
            if (!p.publishMode().equals("ingress") && !p.publishMode().equals("host")) {
                throw ApiException.invalid("EndpointSpec: invalid publish mode \"" + p.publishMode() + "\": must be ingress or host");
            }
            if (ep.mode().equals("dnsrr") && p.publishMode().equals("ingress")) {
                throw ApiException.invalid("EndpointSpec: port published with ingress mode can't be used with dnsrr mode");
            }
            if (p.publishedPort() == 0) continue;
            if (!published.add(p.publishedPort() + "/" + p.protocol())) {
                throw ApiException.invalid("EndpointSpec: duplicate published ports provided (" + p.publishedPort() + "/"
                        + p.protocol() + " is published twice)");
            }
        }
    }
}
