package dev.shoal.cli.service;

import dev.shoal.cli.CliException;
import dev.shoal.cli.opts.KeyValue;
import dev.shoal.model.ContainerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The container flags of {@code service update} beyond the basics, as Docker's: the health check
 * ({@link HealthFlags}: each {@code --health-*} changes one field), {@code --init},
 * {@code --read-only} (each {@code =false} to turn off), {@code --stop-signal}, extra hosts
 * ({@code --host-add host:ip}, {@code --host-rm host}) and sysctls ({@code --sysctl-add k=v},
 * {@code --sysctl-rm k}). Each given flag changes its field; the others are kept. A picocli mixin.
 */
public final class ContainerExtrasUpdateFlags {
    @Mixin
    private HealthFlags health = new HealthFlags();

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

    /** Whether any of these flags was given. */
    boolean anyGiven() {
        return health.anyGiven() || init != null || readOnly != null || stopSignal != null || !hostAdd.isEmpty()
                || !hostRm.isEmpty() || !sysctlAdd.isEmpty() || !sysctlRm.isEmpty();
    }

    /** {@code c} with the given flags applied; a CliException for conflicting or malformed values. */
    ContainerSpec apply(ContainerSpec c) {
        if (!anyGiven()) return c;
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
        return c.withExtras(c.mounts(), health.apply(c.healthcheck()), hosts, c.dnsConfig(), readOnly != null ? (readOnly ? Boolean.TRUE : null) : c.readOnly(),
                init != null ? (init ? Boolean.TRUE : null) : c.init(), stopSignal != null ? stopSignal : c.stopSignal(), sysctls,
                c.ulimits(), c.secrets(), c.configs());
    }
}
