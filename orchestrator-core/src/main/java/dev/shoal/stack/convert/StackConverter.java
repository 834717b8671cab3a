package dev.shoal.stack.convert;

import dev.shoal.model.ConfigReference;
import dev.shoal.model.ConfigSpec;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.DnsConfig;
import dev.shoal.model.FileTarget;
import dev.shoal.model.HealthConfig;
import dev.shoal.model.Mount;
import dev.shoal.model.NetworkAttachmentConfig;
import dev.shoal.model.NetworkSpec;
import dev.shoal.model.SecretReference;
import dev.shoal.model.SecretSpec;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.Ulimit;
import dev.shoal.stack.model.FileObjectConfig;
import dev.shoal.stack.model.FileReference;
import dev.shoal.stack.model.NetworkConfig;
import dev.shoal.stack.model.ServiceConfig;
import dev.shoal.stack.model.ServiceNetworkConfig;
import dev.shoal.stack.model.ServiceVolume;
import dev.shoal.stack.model.StackConfig;
import dev.shoal.stack.model.VolumeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a loaded stack into a {@link StackPlan} the way docker/cli's {@code compose/convert} does:
 * everything is named {@code <stack>_<key>} and labelled {@code com.docker.stack.namespace}; a service
 * with no networks joins {@code <stack>_default}; on each network a task answers to its service's key
 * (so {@code redis} resolves from the web app); named volumes become {@code <stack>_<volume>}; secrets
 * and configs are read from their files. The service basics come from {@link ServiceConverter}. Pure
 * apart from reading those files; a problem is a
 * {@link StackConvertException} naming the service and key.
 */
public final class StackConverter {
    private StackConverter() {}

    public static StackPlan convert(String namespace, StackConfig stack) {
        Map<String, NetworkConfig> declaredNetworks = stack.networks() == null ? Map.of() : stack.networks();
        Map<String, ServiceConfig> services = stack.services() == null ? Map.of() : new TreeMap<>(stack.services());

        Set<String> usedNetworks = new LinkedHashSet<>();
        for (ServiceConfig s : services.values()) {
            if (s.networks() == null || s.networks().isEmpty()) usedNetworks.add("default");
            else usedNetworks.addAll(new TreeMap<>(s.networks()).keySet());
        }
        List<NetworkSpec> networks = new ArrayList<>();
        List<String> externalNetworks = new ArrayList<>();
        Map<String, String> networkNames = new LinkedHashMap<>();
        for (String key : usedNetworks) {
            NetworkConfig n = declaredNetworks.get(key);
            if (n == null && !key.equals("default")) {
                throw new StackConvertException("undefined network \"" + key + "\"");
            }
            if (n != null && n.external()) {
                String name = n.name() != null && !n.name().isEmpty() ? n.name() : key;
                externalNetworks.add(name);
                networkNames.put(key, name);
                continue;
            }
            String name = n != null && n.name() != null && !n.name().isEmpty() ? n.name() : namespace + "_" + key;
            networkNames.put(key, name);
            Map<String, String> labels = labels(namespace, n == null ? null : n.labels());
            String driver = n == null || n.driver() == null || n.driver().isEmpty() ? "overlay" : n.driver();
            networks.add(new NetworkSpec(name, labels, new NetworkSpec.Driver(driver, n == null ? null : n.driverOpts()),
                    n != null && n.attachable() ? true : null, n != null && n.internal() ? true : null));
        }

        List<SecretSpec> secrets = new ArrayList<>();
        List<String> externalSecrets = new ArrayList<>();
        Map<String, String> secretNames = fileObjects(namespace, "secret", stack.secrets(), externalSecrets,
                (name, labels, data) -> secrets.add(new SecretSpec(name, labels, data)));
        List<ConfigSpec> configs = new ArrayList<>();
        List<String> externalConfigs = new ArrayList<>();
        Map<String, String> configNames = fileObjects(namespace, "config", stack.configs(), externalConfigs,
                (name, labels, data) -> configs.add(new ConfigSpec(name, labels, data)));

        List<ServiceSpec> specs = new ArrayList<>();
        for (Map.Entry<String, ServiceConfig> e : services.entrySet()) {
            specs.add(service(namespace, e.getKey(), e.getValue(), networkNames, secretNames, configNames,
                    stack.volumes() == null ? Map.of() : stack.volumes()));
        }
        return new StackPlan(namespace, networks, externalNetworks, secrets, externalSecrets, configs, externalConfigs, specs);
    }

    private interface FileObjectSink {
        void add(String name, Map<String, String> labels, byte[] data);
    }

    private static Map<String, String> fileObjects(String namespace, String kind, Map<String, FileObjectConfig> declared,
                                                   List<String> external, FileObjectSink sink) {
        Map<String, String> names = new LinkedHashMap<>();
        if (declared == null) return names;
        for (Map.Entry<String, FileObjectConfig> e : new TreeMap<>(declared).entrySet()) {
            FileObjectConfig c = e.getValue();
            if (c.external()) {
                String name = c.name() != null && !c.name().isEmpty() ? c.name() : e.getKey();
                external.add(name);
                names.put(e.getKey(), name);
                continue;
            }
            String name = c.name() != null && !c.name().isEmpty() ? c.name() : namespace + "_" + e.getKey();
            if (c.file() == null) throw new StackConvertException(kind + " " + e.getKey() + ": a file is required (or external: true)");
            byte[] data;
            try {
                data = Files.readAllBytes(Path.of(c.file()));
            } catch (IOException ex) {
                throw new StackConvertException(kind + " " + e.getKey() + ": cannot read " + c.file() + ": " + ex.getMessage());
            }
            names.put(e.getKey(), name);
            sink.add(name, labels(namespace, c.labels()), data);
        }
        return names;
    }

    private static ServiceSpec service(String namespace, String key, ServiceConfig s, Map<String, String> networkNames,
                                       Map<String, String> secretNames, Map<String, String> configNames, Map<String, VolumeConfig> volumes) {
        String where = "service " + key;
        // The service's basics (name, labels, mode, resources, restart, placement, ports) by docker/cli's rules.
        ServiceSpec base = ServiceConverter.service(namespace, key, s);
        List<Mount> mounts = new ArrayList<>();
        if (s.volumes() != null) for (ServiceVolume v : s.volumes()) mounts.add(mount(namespace, where, v, volumes));
        if (s.tmpfs() != null) for (String t : s.tmpfs()) mounts.add(new Mount("tmpfs", null, t, null, null, null));

        List<SecretReference> secrets = new ArrayList<>();
        if (s.secrets() != null) {
            for (FileReference r : s.secrets()) {
                String name = secretNames.get(r.source());
                if (name == null) throw new StackConvertException(key, where + ": undefined secret \"" + r.source() + "\"");
                secrets.add(new SecretReference(null, name, fileTarget(r, r.source())));
            }
        }
        List<ConfigReference> configs = new ArrayList<>();
        if (s.configs() != null) {
            for (FileReference r : s.configs()) {
                String name = configNames.get(r.source());
                if (name == null) throw new StackConvertException(key, where + ": undefined config \"" + r.source() + "\"");
                configs.add(new ConfigReference(null, name, fileTarget(r, "/" + r.source())));
            }
        }
        HealthConfig health = null;
        if (s.healthcheck() != null) {
            var h = s.healthcheck();
            List<String> test = h.disable() ? List.of("NONE") : h.test();
            health = new HealthConfig(test, nanos(h.interval()), nanos(h.timeout()), nanos(h.startPeriod()),
                    h.retries() == null ? null : h.retries().intValue());
        }
        List<Ulimit> ulimits = new ArrayList<>();
        if (s.ulimits() != null) {
            for (Map.Entry<String, dev.shoal.stack.model.Ulimit> u : new TreeMap<>(s.ulimits()).entrySet()) {
                var l = u.getValue();
                long soft = l.single() > 0 ? l.single() : l.soft();
                long hard = l.single() > 0 ? l.single() : l.hard();
                ulimits.add(new Ulimit(u.getKey(), soft, hard));
            }
        }
        DnsConfig dns = (s.dns() == null || s.dns().isEmpty()) && (s.dnsSearch() == null || s.dnsSearch().isEmpty()) ? null
                : new DnsConfig(s.dns(), s.dnsSearch(), null);
        ContainerSpec b = base.taskTemplate().containerSpec();
        ContainerSpec c = b.withExtras(mounts, health, hosts(s.extraHosts()), dns, s.readOnly() ? true : null, s.init(), s.stopSignal(),
                s.sysctls() == null ? null : nonNull(s.sysctls()), ulimits, secrets, configs);

        List<NetworkAttachmentConfig> attachments = new ArrayList<>();
        Map<String, ServiceNetworkConfig> nets = s.networks() == null || s.networks().isEmpty() ? null : new TreeMap<>(s.networks());
        if (nets == null) {
            attachments.add(new NetworkAttachmentConfig(networkNames.get("default"), List.of(key)));
        } else {
            for (Map.Entry<String, ServiceNetworkConfig> n : nets.entrySet()) {
                List<String> aliases = new ArrayList<>();
                aliases.add(key);
                if (n.getValue() != null && n.getValue().aliases() != null) aliases.addAll(n.getValue().aliases());
                attachments.add(new NetworkAttachmentConfig(networkNames.get(n.getKey()), aliases));
            }
        }
        TaskSpec t = base.taskTemplate();
        ServiceSpec spec = base.withTaskTemplate(t.withContainerSpec(c).withNetworks(attachments));
        if (s.deploy() != null) {
            spec = spec.withUpdateConfig(rollout(s.deploy().updateConfig())).withRollbackConfig(rollout(s.deploy().rollbackConfig()));
        }
        return spec;
    }

    /** A stack file's {@code update_config} or {@code rollback_config} as the service's config (null when absent). */
    private static dev.shoal.model.UpdateConfig rollout(dev.shoal.stack.model.UpdateConfig u) {
        if (u == null) return null;
        return new dev.shoal.model.UpdateConfig(u.parallelism(), nanos(u.delay()), u.failureAction(),
                nanos(u.monitor()), u.maxFailureRatio() == 0 ? null : u.maxFailureRatio(), u.order());
    }

    private static Mount mount(String namespace, String where, ServiceVolume v, Map<String, VolumeConfig> volumes) {
        String type = v.type() == null ? "volume" : v.type();
        switch (type) {
            case "volume": {
                String source = v.source();
                if (source != null && !source.isEmpty()) {
                    VolumeConfig decl = volumes.get(source);
                    if (decl == null) throw new StackConvertException(where + ": undefined volume \"" + source + "\"");
                    source = decl.name() != null && !decl.name().isEmpty() ? decl.name()
                            : decl.external() ? source : namespace + "_" + source;
                    Map<String, String> labels = decl.external() ? null : labels(namespace, decl.labels());
                    boolean noCopy = v.volume() != null && v.volume().nocopy();
                    return new Mount("volume", source, v.target(), v.readOnly() ? true : null, new Mount.VolumeOptions(noCopy ? true : null, labels), null);
                }
                return new Mount("volume", null, v.target(), v.readOnly() ? true : null, null, null);
            }
            case "bind":
                return new Mount("bind", v.source(), v.target(), v.readOnly() ? true : null, null, null);
            case "tmpfs":
                Long size = v.tmpfs() == null ? null : v.tmpfs().size();
                return new Mount("tmpfs", null, v.target(), null, null, size == null || size == 0 ? null : new Mount.TmpfsOptions(size, null));
            default:
                throw new StackConvertException(where + ": volume type \"" + type + "\" is not supported (volume, bind or tmpfs)");
        }
    }

    private static FileTarget fileTarget(FileReference r, String defaultTarget) {
        String target = r.target() == null || r.target().isEmpty() ? defaultTarget : r.target();
        return new FileTarget(target, r.uid() == null ? "0" : r.uid(), r.gid() == null ? "0" : r.gid(),
                r.mode() == null ? FileTarget.DEFAULT_MODE : r.mode().intValue());
    }

    /** Compose's "host:ip" (or "host=ip") entries as Swarm's "ip host". */
    private static List<String> hosts(List<String> extra) {
        List<String> out = new ArrayList<>();
        if (extra == null) return out;
        for (String h : extra) {
            int i = h.indexOf('=') >= 0 ? h.indexOf('=') : h.indexOf(':');
            if (i <= 0) continue;
            out.add(h.substring(i + 1) + " " + h.substring(0, i));
        }
        return out;
    }







    private static Long nanos(dev.shoal.stack.model.GoDuration d) { return d == null ? null : d.nanos(); }

    private static Map<String, String> labels(String namespace, Map<String, String> extra) {
        Map<String, String> out = new TreeMap<>();
        if (extra != null) out.putAll(nonNull(extra));
        out.put(StackPlan.NAMESPACE_LABEL, namespace);
        return out;
    }

    private static Map<String, String> nonNull(Map<String, String> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v == null ? "" : v));
        return out;
    }
}
