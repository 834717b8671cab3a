package dev.shoal.cli.service;

import dev.shoal.cli.CliException;
import dev.shoal.cli.opts.GoDuration;
import dev.shoal.cli.opts.KeyValue;
import dev.shoal.cli.opts.NonNegativeLong;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.HealthConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The container flags of {@code service update} beyond the basics, as Docker's: the health check
 * ({@code --health-*} change its fields, {@code --no-healthcheck} disables it), {@code --init},
 * {@code --read-only} (each {@code =false} to turn off), {@code --stop-signal}, extra hosts
 * ({@code --host-add host:ip}, {@code --host-rm host}) and sysctls ({@code --sysctl-add k=v},
 * {@code --sysctl-rm k}). Each given flag changes its field; the others are kept. A picocli mixin.
 */
public final class ContainerExtrasUpdateFlags {
    @Option(names = "--health-cmd", paramLabel = "string", description = "Command to run to check health")
    private String healthCmd;

    @Option(names = "--health-interval", paramLabel = "duration", converter = GoDuration.Converter.class,
            description = "Time between running the check (ms|s|m|h)")
    private Long healthInterval;

    @Option(names = "--health-timeout", paramLabel = "duration", converter = GoDuration.Converter.class,
            description = "Maximum time to allow one check to run (ms|s|m|h)")
    private Long healthTimeout;

    @Option(names = "--health-start-period", paramLabel = "duration", converter = GoDuration.Converter.class,
            description = "Start period for the container to initialize before counting retries towards unstable (ms|s|m|h)")
    private Long healthStartPeriod;

    @Option(names = "--health-retries", paramLabel = "int", converter = NonNegativeLong.class,
            description = "Consecutive failures needed to report unhealthy")
    private Long healthRetries;

    @Option(names = "--no-healthcheck", description = "Disable any container-specified HEALTHCHECK")
    private boolean noHealthcheck;

    @Option(names = "--init", arity = "0..1", fallbackValue = "true", paramLabel = "bool",
            description = "Use an init inside each service container to forward signals and reap processes")
    private Boolean init;

    @Option(names = "--read-only", arity = "0..1", fallbackValue = "true", paramLabel = "bool",
            description = "Mount the container's root filesystem as read only")
    private Boolean readOnly;

    @Option(names = "--stop-signal", paramLabel = "string", description = "Signal to stop the container")
    private String stopSignal;

    @Option(names = "--host-add", paramLabel = "list", description = "Add a custom host-to-IP mapping (host:ip)")
    private List<String> hostAdd = new ArrayList<>();

    @Option(names = "--host-rm", paramLabel = "list", description = "Remove a custom host-to-IP mapping (host)")
    private List<String> hostRm = new ArrayList<>();

    @Option(names = "--sysctl-add", paramLabel = "list", converter = KeyValue.Converter.class, description = "Add or update a Sysctl option")
    private List<KeyValue> sysctlAdd = new ArrayList<>();

    @Option(names = "--sysctl-rm", paramLabel = "list", description = "Remove a Sysctl option")
    private List<String> sysctlRm = new ArrayList<>();

    private boolean healthGiven() {
        return healthCmd != null || healthInterval != null || healthTimeout != null || healthStartPeriod != null || healthRetries != null;
    }

    /** Whether any of these flags was given. */
    boolean anyGiven() {
        return healthGiven() || noHealthcheck || init != null || readOnly != null || stopSignal != null || !hostAdd.isEmpty()
                || !hostRm.isEmpty() || !sysctlAdd.isEmpty() || !sysctlRm.isEmpty();
    }

    /** {@code c} with the given flags applied; a CliException for conflicting or malformed values. */
    ContainerSpec apply(ContainerSpec c) {
        if (!anyGiven()) return c;
        HealthConfig health = c.healthcheck();
        if (noHealthcheck) {
            if (healthGiven()) throw new CliException("--no-healthcheck conflicts with --health-* options");
            health = new HealthConfig(List.of("NONE"), null, null, null, null);
        } else if (healthGiven()) {
            HealthConfig h = health == null || health.test().equals(List.of("NONE")) ? new HealthConfig(List.of(), null, null, null, null) : health;
            health = new HealthConfig(healthCmd != null ? List.of("CMD-SHELL", healthCmd) : h.test(),
                    healthInterval != null ? healthInterval : h.interval(), healthTimeout != null ? healthTimeout : h.timeout(),
                    healthStartPeriod != null ? healthStartPeriod : h.startPeriod(),
                    healthRetries != null ? Integer.valueOf(healthRetries.intValue()) : h.retries());
        }
        List<String> hosts = new ArrayList<>();
        for (String h : c.hosts()) {
            String[] ipHost = h.trim().split("\\s+");
            if (ipHost.length < 2 || !hostRm.contains(ipHost[1])) hosts.add(h);
        }
        for (String h : hostAdd) {
            int sep = h.indexOf(':');
            if (sep <= 0 || sep == h.length() - 1) throw new CliException("invalid argument \"" + h + "\" for \"--host-add\" flag: use host:ip");
            hosts.add(h.substring(sep + 1) + " " + h.substring(0, sep));
        }
        Map<String, String> sysctls = new LinkedHashMap<>(c.sysctls());
        for (String k : sysctlRm) sysctls.remove(k);
        for (KeyValue kv : sysctlAdd) sysctls.put(kv.key(), kv.value());
        return c.withExtras(c.mounts(), health, hosts, c.dnsConfig(), readOnly != null ? (readOnly ? Boolean.TRUE : null) : c.readOnly(),
                init != null ? (init ? Boolean.TRUE : null) : c.init(), stopSignal != null ? stopSignal : c.stopSignal(), sysctls,
                c.ulimits(), c.secrets(), c.configs());
    }
}
