package dev.shoal.agent;

import dev.shoal.executor.ContainerConfig;
import dev.shoal.executor.ContainerExtras;
import dev.shoal.executor.EngineException;
import dev.shoal.executor.Labels;
import dev.shoal.executor.LocalNetwork;
import dev.shoal.executor.PublishedPort;
import dev.shoal.model.Config;
import dev.shoal.model.ConfigReference;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.FileTarget;
import dev.shoal.model.GenericResource;
import dev.shoal.model.HealthConfig;
import dev.shoal.model.Mount;
import dev.shoal.model.Network;
import dev.shoal.model.NetworkAttachmentConfig;
import dev.shoal.model.PortConfig;
import dev.shoal.model.Secret;
import dev.shoal.model.SecretReference;
import dev.shoal.model.Task;
import dev.shoal.model.Ulimit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a task into the container that runs it, named and labelled as Swarm does, with the service's
 * host-mode ports bound on the node (ingress-mode ports are served by the agent's ingress proxy), its
 * networks (the service's name and the attachment's aliases as DNS names there), mounts, secrets and
 * configs as read-only files, and the rest of Docker's container settings.
 */
final class ContainerConfigs {
    private ContainerConfigs() {}

    /** A task without networks, secrets or configs (tests and the simulator). */
    static ContainerConfig of(Task t, String nodeId) {
        try {
            return of(t, nodeId, new TaskResources(), null);
        } catch (EngineException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The container for {@code t}; writes its secret and config files through {@code files}. Throws
     * EngineException (the task is then rejected) when a network, secret or config it needs has not
     * reached this node, or a file cannot be written.
     */
    static ContainerConfig of(Task t, String nodeId, TaskResources resources, TaskFiles files) throws EngineException {
        ContainerSpec c = t.spec().containerSpec();
        Map<String, String> labels = new HashMap<>(c.labels());
        labels.put(Labels.NODE_ID, nodeId);
        labels.put(Labels.TASK_ID, t.id());
        labels.put(Labels.SERVICE_ID, t.serviceId());
        labels.put(Labels.TASK_NAME, t.name());
        String serviceName = t.serviceAnnotations() == null ? null : t.serviceAnnotations().name();
        if (serviceName != null) labels.put(Labels.SERVICE_NAME, serviceName);
        var limits = t.spec().resources().limits();
        return new ContainerConfig(
                t.containerName(), c.image(), c.command(), c.args(), env(c.env(), t.assignedGenericResources()), labels,
                c.hostname(), c.dir(), c.user(), limits.nanoCpus(), limits.memoryBytes(),
                (int) Math.max(0, c.stopGraceNanos() / 1_000_000_000L), hostPorts(t),
                extras(t, c, serviceName, resources, files));
    }

    /**
     * The container's environment: the service's, then one {@code DOCKER_RESOURCE_<KIND>} variable per kind
     * of generic resource the task was given (kind upper-cased; named units comma-separated, a discrete
     * amount as its number), as Swarm sets them so that a runtime or the program knows which GPUs are its.
     */
    static List<String> env(List<String> env, List<GenericResource> assigned) {
        if (assigned.isEmpty()) return env;
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (GenericResource r : assigned) {
            String value = r.namedResourceSpec() != null ? r.namedResourceSpec().value() : Long.toString(r.discreteResourceSpec().value());
            byKind.computeIfAbsent(r.kind(), k -> new ArrayList<>(2)).add(value);
        }
        List<String> out = new ArrayList<>(env == null ? List.of() : env);
        byKind.forEach((kind, values) -> out.add("DOCKER_RESOURCE_" + kind.toUpperCase(Locale.ROOT) + "=" + String.join(",", values)));
        return out;
    }

    /** The local networks a task joins (to create before its container). */
    static List<LocalNetwork> networks(Task t, TaskResources resources) throws EngineException {
        List<LocalNetwork> out = new ArrayList<>();
        for (NetworkAttachmentConfig a : t.spec().networks()) {
            Network n = resources.network(a.target());
            if (n == null) throw new EngineException("network " + a.target() + " is not known on this node");
            out.add(new LocalNetwork(n.spec().name(), n.id(), Boolean.TRUE.equals(n.spec().internal()), n.spec().labels()));
        }
        return out;
    }

    private static ContainerExtras extras(Task t, ContainerSpec c, String serviceName, TaskResources resources, TaskFiles files)
            throws EngineException {
        List<ContainerExtras.NetworkEndpoint> endpoints = new ArrayList<>();
        List<LocalNetwork> networks = networks(t, resources);
        for (int i = 0; i < networks.size(); i++) {
            Set<String> aliases = new LinkedHashSet<>();
            if (serviceName != null) aliases.add(serviceName);
            aliases.addAll(t.spec().networks().get(i).aliases());
            endpoints.add(new ContainerExtras.NetworkEndpoint(networks.get(i), new ArrayList<>(aliases)));
        }
        List<ContainerExtras.MountSpec> mounts = new ArrayList<>();
        for (Mount m : c.mounts()) {
            mounts.add(new ContainerExtras.MountSpec(m.type() == null ? "volume" : m.type(), m.source(), m.target(), m.isReadOnly(),
                    m.volumeOptions() != null && Boolean.TRUE.equals(m.volumeOptions().noCopy()),
                    m.tmpfsOptions() == null ? null : m.tmpfsOptions().sizeBytes(),
                    m.tmpfsOptions() == null ? null : m.tmpfsOptions().mode()));
        }
        for (SecretReference r : c.secrets()) {
            Secret s = resources.secret(r.secretId());
            if (s == null) throw new EngineException("secret " + r.secretName() + " is not available on this node");
            mounts.add(fileMount(t, files, "secret-" + s.id(), s.spec().data(), r.file(), "/run/secrets/", r.secretName()));
        }
        for (ConfigReference r : c.configs()) {
            Config x = resources.config(r.configId());
            if (x == null) throw new EngineException("config " + r.configName() + " is not available on this node");
            mounts.add(fileMount(t, files, "config-" + x.id(), x.spec().data(), r.file(), "/", r.configName()));
        }
        HealthConfig h = c.healthcheck();
        ContainerExtras.HealthCheck health = h == null || h.test().isEmpty() ? null : new ContainerExtras.HealthCheck(h.test(),
                nanos(h.interval()), nanos(h.timeout()), nanos(h.startPeriod()), h.retries() == null ? 0 : h.retries());
        List<ContainerExtras.UlimitSpec> ulimits = new ArrayList<>();
        for (Ulimit u : c.ulimits()) ulimits.add(new ContainerExtras.UlimitSpec(u.name(), u.soft(), u.hard()));
        var dns = c.dnsConfig();
        return new ContainerExtras(endpoints, mounts, health, extraHosts(c.hosts()),
                dns == null ? null : dns.nameservers(), dns == null ? null : dns.search(), dns == null ? null : dns.options(),
                Boolean.TRUE.equals(c.readOnly()), c.init(), c.stopSignal(), c.sysctls(), ulimits);
    }

    private static ContainerExtras.MountSpec fileMount(Task t, TaskFiles files, String key, byte[] data, FileTarget target,
                                                       String dir, String defaultName) throws EngineException {
        if (files == null) throw new EngineException("this agent cannot write secret or config files");
        String name = target == null || target.name() == null || target.name().isEmpty() ? defaultName : target.name();
        String path = name.startsWith("/") ? name : dir + name;
        try {
            Path host = files.write(t.id(), key, data == null ? new byte[0] : data,
                    target == null ? FileTarget.DEFAULT_MODE : target.modeOrDefault(),
                    target == null ? null : target.uid(), target == null ? null : target.gid());
            return new ContainerExtras.MountSpec("bind", host.toString(), path, true, false, null, null);
        } catch (IOException e) {
            throw new EngineException("cannot write the file for " + path + ": " + e.getMessage());
        }
    }

    /** Swarm's "IP host [alias...]" entries as Docker's "host:IP". */
    static List<String> extraHosts(List<String> hosts) {
        List<String> out = new ArrayList<>();
        for (String h : hosts) {
            String[] f = h.trim().split("\\s+");
            if (f.length < 2) continue;
            for (int i = 1; i < f.length; i++) out.add(f[i] + ":" + f[0]);
        }
        return out;
    }

    private static long nanos(Long v) { return v == null ? 0 : v; }

    /** The task's ports published in host mode. */
    static List<PublishedPort> hostPorts(Task t) {
        if (t.endpoint() == null) return List.of();
        List<PublishedPort> out = new ArrayList<>();
        for (PortConfig p : t.endpoint().ports()) {
            if ("host".equals(p.publishMode())) out.add(new PublishedPort(p.publishedPort(), p.targetPort(), p.protocol()));
        }
        return out;
    }
}
