package dev.shoal.executor;

import java.util.List;
import java.util.Map;

/**
 * The parts of a container's configuration beyond the basics in {@link ContainerConfig}: networks
 * (the first joined at creation, the others right after), mounts, health check, extra hosts, resolver
 * settings, read-only root, init, stop signal, sysctls and ulimits. Immutable.
 */
public record ContainerExtras(
        List<NetworkEndpoint> networks,
        List<MountSpec> mounts,
        HealthCheck healthcheck,
        List<String> extraHosts,
        List<String> dnsServers,
        List<String> dnsSearch,
        List<String> dnsOptions,
        boolean readOnly,
        Boolean init,
        String stopSignal,
        Map<String, String> sysctls,
        List<UlimitSpec> ulimits) {
    /** Nothing beyond the basics. */
    public static final ContainerExtras NONE = new ContainerExtras(null, null, null, null, null, null, null, false, null, null, null, null);

    public ContainerExtras {
        networks = networks == null ? List.of() : List.copyOf(networks);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
        dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
        dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
        dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
        sysctls = sysctls == null ? Map.of() : Map.copyOf(sysctls);
        ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
    }

    /** A local network to join, and the names the container answers to there. */
    public record NetworkEndpoint(LocalNetwork network, List<String> aliases) {
        public NetworkEndpoint {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    /** A mount: {@code type} volume, bind or tmpfs. */
    public record MountSpec(String type, String source, String target, boolean readOnly, boolean noCopy, Long tmpfsSizeBytes,
                            Integer tmpfsMode) {}

    /** A health check; durations in nanoseconds, 0 for the engine's default. */
    public record HealthCheck(List<String> test, long intervalNanos, long timeoutNanos, long startPeriodNanos, int retries) {
        public HealthCheck {
            test = test == null ? List.of() : List.copyOf(test);
        }
    }

    /** A process resource limit. */
    public record UlimitSpec(String name, long soft, long hard) {}
}
