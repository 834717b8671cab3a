package dev.shoal.stack.convert;

import dev.shoal.model.ContainerSpec;
import dev.shoal.model.EndpointSpec;
import dev.shoal.model.GenericResource;
import dev.shoal.model.Placement;
import dev.shoal.model.PlacementPreference;
import dev.shoal.model.PortConfig;
import dev.shoal.model.ResourceRequirements;
import dev.shoal.model.Resources;
import dev.shoal.model.RestartCondition;
import dev.shoal.model.RestartPolicy;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.TaskSpec;
import dev.shoal.stack.model.DeployConfig;
import dev.shoal.stack.model.ResourceLimit;
import dev.shoal.stack.model.ResourceReservation;
import dev.shoal.stack.model.ServiceConfig;
import dev.shoal.stack.model.StackConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts a loaded stack into Shoal's service specs, as docker/cli's {@code convert} package turns
 * a compose config into Swarm services — for the fields {@link ServiceSpec} has today: names scoped
 * to {@code <stack>_<service>}, the {@code com.docker.stack.namespace} and
 * {@code com.docker.stack.image} labels, image, entrypoint (Command) and command (Args), sorted
 * environment, hostname, working dir, user, stop grace period, container labels, resources,
 * restart policy (deploy's, else the legacy {@code restart:}), placement, mode and endpoint.
 * Networks, mounts, secrets, configs, healthchecks, update and rollback configs are left for the
 * deploy step, whose model does not carry them yet.
 */
public final class ServiceConverter {
    /** The label that marks a service as part of a stack. */
    public static final String LABEL_NAMESPACE = "com.docker.stack.namespace";
    /** The label holding the image as written in the stack file. */
    public static final String LABEL_IMAGE = "com.docker.stack.image";

    private ServiceConverter() {
    }

    /**
     * The specs of every service of the stack, keyed by the service's key in the file, in name order.
     *
     * @throws StackConvertException for a service Docker would refuse to deploy
     */
    public static Map<String, ServiceSpec> services(String namespace, StackConfig config) {
        Map<String, ServiceSpec> out = new TreeMap<>();
        config.services().forEach((name, svc) -> out.put(name, service(namespace, name, svc)));
        return out;
    }

    /** One service's spec. */
    public static ServiceSpec service(String namespace, String name, ServiceConfig svc) {
        if (svc.image() == null || svc.image().isEmpty()) {
            throw new StackConvertException(name, "invalid image reference for service " + name + ": no image specified");
        }
        try {
            DeployConfig d = svc.deploy();
            Map<String, String> labels = new LinkedHashMap<>();
            if (d != null && d.labels() != null) labels.putAll(d.labels());
            labels.put(LABEL_NAMESPACE, namespace);
            labels.put(LABEL_IMAGE, svc.image());
            Map<String, String> containerLabels = new LinkedHashMap<>();
            if (svc.labels() != null) containerLabels.putAll(svc.labels());
            containerLabels.put(LABEL_NAMESPACE, namespace);
            ContainerSpec container = new ContainerSpec(svc.image(), containerLabels, svc.entrypoint(), svc.command(),
                    environment(svc.environment()), svc.hostname(), svc.workingDir(), svc.user(),
                    svc.stopGracePeriod() == null ? null : svc.stopGracePeriod().nanos());
            TaskSpec task = new TaskSpec(container, resources(d), restartPolicy(svc.restart(), d), placement(d), null);
            return new ServiceSpec(namespace + "_" + name, labels, task, mode(d), endpoint(d, svc));
        } catch (IllegalArgumentException e) {
            throw new StackConvertException(name, "service " + name + ": " + e.getMessage());
        }
    }

    /** Sorted {@code K=V} strings; a null value gives a bare {@code K}. */
    static List<String> environment(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        if (env != null) env.forEach((k, v) -> out.add(v == null ? k : k + "=" + v));
        out.sort(null);
        return out;
    }

    /** docker/cli {@code convertDeployMode}. */
    static ServiceMode mode(DeployConfig d) {
        String mode = d == null || d.mode() == null ? "" : d.mode();
        Long replicas = d == null ? null : d.replicas();
        switch (mode) {
            case "global-job":
                if (replicas != null) throw new IllegalArgumentException("replicas can only be used with replicated or replicated-job mode");
                return ServiceMode.newGlobalJob();
            case "global":
                if (replicas != null) throw new IllegalArgumentException("replicas can only be used with replicated or replicated-job mode");
                return ServiceMode.newGlobal();
            case "replicated-job":
                return ServiceMode.newReplicatedJob(replicas, replicas);
            case "replicated":
            case "":
                return ServiceMode.replicated(replicas == null ? 1 : replicas);
            default:
                throw new IllegalArgumentException("unknown mode: " + mode);
        }
    }

    /** docker/cli {@code convertRestartPolicy}: deploy.restart_policy, else the legacy {@code restart:} key. */
    static RestartPolicy restartPolicy(String restart, DeployConfig d) {
        if (d != null && d.restartPolicy() != null) {
            dev.shoal.stack.model.RestartPolicy p = d.restartPolicy();
            RestartCondition c = p.condition() == null || p.condition().isEmpty() ? null : RestartCondition.parse(p.condition());
            return new RestartPolicy(c, p.delay() == null ? null : p.delay().nanos(), p.maxAttempts(),
                    p.window() == null ? null : p.window().nanos());
        }
        if (restart == null || restart.isEmpty()) return null;
        String policy = restart;
        long count = 0;
        int colon = restart.indexOf(':');
        if (colon >= 0) {
            policy = restart.substring(0, colon);
            try {
                count = Long.parseLong(restart.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid restart policy format: maximum retry count must be an integer");
            }
        }
        if (count < 0) throw new IllegalArgumentException("invalid restart policy: maximum retry count cannot be negative");
        Long attempts = count <= 0 ? null : count;
        switch (policy) {
            case "no":
            case "":
                return null;
            case "always":
            case "unless-stopped":
                return new RestartPolicy(RestartCondition.ANY, null, attempts, null);
            case "on-failure":
                return new RestartPolicy(RestartCondition.ON_FAILURE, null, attempts, null);
            default:
                throw new IllegalArgumentException("invalid restart policy: unknown policy '" + policy
                        + "' (must be one of 'no', 'always', 'on-failure', or 'unless-stopped')");
        }
    }

    static ResourceRequirements resources(DeployConfig d) {
        if (d == null || d.resources() == null) return ResourceRequirements.NONE;
        ResourceLimit l = d.resources().limits();
        ResourceReservation r = d.resources().reservations();
        Resources limits = l == null ? Resources.NONE
                : new Resources(cpus(l.cpus()), l.memory() == null ? 0 : l.memory().bytes());
        Resources reservations = Resources.NONE;
        if (r != null) {
            List<GenericResource> generic = new ArrayList<>();
            if (r.genericResources() != null) {
                r.genericResources().forEach(g -> {
                    if (g.discreteResourceSpec() != null) {
                        generic.add(GenericResource.discrete(g.discreteResourceSpec().kind(), g.discreteResourceSpec().value()));
                    }
                });
            }
            reservations = new Resources(cpus(r.cpus()), r.memory() == null ? 0 : r.memory().bytes(), generic);
        }
        return new ResourceRequirements(limits, reservations);
    }

    /** docker {@code opts.ParseCPUs}: a decimal number of CPUs in nano-CPUs, refused when finer than 1e-9. */
    static long cpus(String value) {
        if (value == null || value.isEmpty()) return 0;
        BigDecimal cpu;
        try {
            cpu = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse " + value + " as a rational number");
        }
        BigDecimal nano = cpu.movePointRight(9);
        if (nano.stripTrailingZeros().scale() > 0) throw new IllegalArgumentException("value is too precise");
        return nano.longValueExact();
    }

    static Placement placement(DeployConfig d) {
        if (d == null || d.placement() == null) return Placement.NONE;
        dev.shoal.stack.model.Placement p = d.placement();
        List<PlacementPreference> prefs = new ArrayList<>();
        if (p.preferences() != null) p.preferences().forEach(x -> prefs.add(PlacementPreference.spread(x.spread())));
        return new Placement(p.constraints(), prefs, p.maxReplicasPerNode() == 0 ? null : p.maxReplicasPerNode());
    }

    /** docker/cli {@code convertEndpointSpec}: ports sorted by published, target, protocol, mode. */
    static EndpointSpec endpoint(DeployConfig d, ServiceConfig svc) {
        String mode = d == null || d.endpointMode() == null || d.endpointMode().isEmpty() ? null : d.endpointMode().toLowerCase(Locale.ROOT);
        List<PortConfig> ports = new ArrayList<>();
        if (svc.ports() != null) {
            svc.ports().forEach(p -> ports.add(new PortConfig(null, p.protocol() == null || p.protocol().isEmpty() ? null : p.protocol(),
                    (int) p.target(), (int) p.published(), p.mode() == null || p.mode().isEmpty() ? null : p.mode())));
        }
        ports.sort(Comparator.comparingInt(PortConfig::publishedPort).thenComparingInt(PortConfig::targetPort)
                .thenComparing(PortConfig::protocol).thenComparing(PortConfig::publishMode));
        return new EndpointSpec(mode, ports);
    }
}
