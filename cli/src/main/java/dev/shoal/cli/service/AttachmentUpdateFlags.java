package dev.shoal.cli.service;

import dev.shoal.cli.opts.FileRefSpec;
import dev.shoal.cli.opts.MountSpec;
import dev.shoal.cli.opts.NetworkSpecOpt;
import dev.shoal.model.ConfigReference;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.Mount;
import dev.shoal.model.NetworkAttachmentConfig;
import dev.shoal.model.SecretReference;
import dev.shoal.model.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The flags of {@code service update} that attach things to the tasks, as Docker's: secrets and configs
 * (removed by name; an added one replaces one with the same target file), networks (removed by name or id)
 * and mounts (removed by target path). The manager checks that what is added exists. A picocli mixin.
 */
public final class AttachmentUpdateFlags {
    @Option(names = "--secret-add", paramLabel = "secret", converter = FileRefSpec.Converter.class,
            description = "Add or update a secret on a service (NAME, or source=NAME,target=…,uid=…,gid=…,mode=0400)")
    private List<FileRefSpec> secretAdd = new ArrayList<>();

    @Option(names = "--secret-rm", paramLabel = "list", description = "Remove a secret")
    private List<String> secretRm = new ArrayList<>();

    @Option(names = "--config-add", paramLabel = "config", converter = FileRefSpec.Converter.class,
            description = "Add or update a config file on a service (NAME, or source=NAME,target=…,uid=…,gid=…,mode=0400)")
    private List<FileRefSpec> configAdd = new ArrayList<>();

    @Option(names = "--config-rm", paramLabel = "list", description = "Remove a configuration file")
    private List<String> configRm = new ArrayList<>();

    @Option(names = "--network-add", paramLabel = "network", converter = NetworkSpecOpt.Converter.class,
            description = "Add a network (NAME, or name=NAME,alias=…)")
    private List<NetworkAttachmentConfig> networkAdd = new ArrayList<>();

    @Option(names = "--network-rm", paramLabel = "list", description = "Remove a network")
    private List<String> networkRm = new ArrayList<>();

    @Option(names = "--mount-add", paramLabel = "mount", converter = MountSpec.Converter.class,
            description = "Add or update a mount on a service (type=volume|bind|tmpfs,source=…,target=…[,readonly])")
    private List<Mount> mountAdd = new ArrayList<>();

    @Option(names = "--mount-rm", paramLabel = "list", description = "Remove a mount by its target path")
    private List<String> mountRm = new ArrayList<>();

    /** Whether any of these flags was given. */
    boolean anyGiven() {
        return !secretAdd.isEmpty() || !secretRm.isEmpty() || !configAdd.isEmpty() || !configRm.isEmpty() || !networkAdd.isEmpty()
                || !networkRm.isEmpty() || !mountAdd.isEmpty() || !mountRm.isEmpty();
    }

    /**
     * {@code t} with the given flags applied. {@code networkName} gives the name of an attached network's id
     * (null when unknown), so that {@code --network-rm NAME} finds a network the spec holds by id.
     */
    TaskSpec apply(TaskSpec t, Function<String, String> networkName) {
        if (!anyGiven()) return t;
        ContainerSpec c = t.containerSpec();
        List<SecretReference> secrets = new ArrayList<>();
        for (SecretReference r : c.secrets()) if (!secretRm.contains(r.secretName()) && !secretRm.contains(r.secretId())) secrets.add(r);
        for (FileRefSpec a : secretAdd) {
            secrets.removeIf(r -> r.file() != null && r.file().name().equals(a.file().name()));
            secrets.add(new SecretReference(null, a.source(), a.file()));
        }
        List<ConfigReference> configs = new ArrayList<>();
        for (ConfigReference r : c.configs()) if (!configRm.contains(r.configName()) && !configRm.contains(r.configId())) configs.add(r);
        for (FileRefSpec a : configAdd) {
            configs.removeIf(r -> r.file() != null && r.file().name().equals(a.file().name()));
            configs.add(new ConfigReference(null, a.source(), a.file()));
        }
        List<Mount> mounts = new ArrayList<>();
        for (Mount m : c.mounts()) if (!mountRm.contains(m.target())) mounts.add(m);
        for (Mount m : mountAdd) {
            mounts.removeIf(x -> x.target().equals(m.target()));
            mounts.add(m);
        }
        List<NetworkAttachmentConfig> networks = new ArrayList<>();
        for (NetworkAttachmentConfig n : t.networks()) {
            if (!networkRm.contains(n.target()) && !networkRm.contains(networkName.apply(n.target()))) networks.add(n);
        }
        networks.addAll(networkAdd);
        ContainerSpec nc = c.withExtras(mounts, c.healthcheck(), c.hosts(), c.dnsConfig(), c.readOnly(), c.init(), c.stopSignal(),
                c.sysctls(), c.ulimits(), secrets, configs);
        return t.withContainerSpec(nc).withNetworks(networks);
    }
}
