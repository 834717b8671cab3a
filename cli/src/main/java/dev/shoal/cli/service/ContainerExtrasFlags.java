package dev.shoal.cli.service;

import dev.shoal.cli.CliException;
import dev.shoal.cli.opts.KeyValue;
import dev.shoal.model.DnsConfig;
import dev.shoal.model.HealthConfig;
import dev.shoal.model.Ulimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The container flags of {@code service create} beyond the basics, as Docker's: the health check
 * ({@link HealthFlags}), resolver ({@code --dns}, {@code --dns-search},
 * {@code --dns-option}), {@code --init}, {@code --read-only}, {@code --stop-signal}, {@code --sysctl} and
 * {@code --ulimit name=soft[:hard]}. Docker's {@code --host host:ip} is not offered: swarmctl's global
 * {@code -H/--host} takes that name on every verb (a stack file's {@code extra_hosts} does the same job).
 * A picocli mixin; bad values are a {@link CliException} before anything is sent.
 */
public final class ContainerExtrasFlags {
    @Mixin
    private HealthFlags health = new HealthFlags();

    @Option(names = "--dns", paramLabel = "list", description = "Set custom DNS servers")
    private List<String> dns = new ArrayList<>();

    @Option(names = "--dns-search", paramLabel = "list", description = "Set custom DNS search domains")
    private List<String> dnsSearch = new ArrayList<>();

    @Option(names = "--dns-option", paramLabel = "list", description = "Set DNS options")
    private List<String> dnsOptions = new ArrayList<>();

    @Option(names = "--init", description = "Use an init inside each service container to forward signals and reap processes")
    private boolean init;

    @Option(names = "--read-only", description = "Mount the container's root filesystem as read only")
    private boolean readOnly;

    @Option(names = "--stop-signal", paramLabel = "string", description = "Signal to stop the container")
    private String stopSignal;

    @Option(names = "--sysctl", paramLabel = "list", converter = KeyValue.Converter.class, description = "Sysctl options")
    private List<KeyValue> sysctls = new ArrayList<>();

    @Option(names = "--ulimit", paramLabel = "ulimit", description = "Ulimit options (name=soft[:hard])")
    private List<String> ulimits = new ArrayList<>();

    /** The health check the flags ask for, or null for the image's. */
    HealthConfig health() { return health.apply(null); }

    /** The resolver settings, or null when no flag was given. */
    DnsConfig dns() {
        return dns.isEmpty() && dnsSearch.isEmpty() && dnsOptions.isEmpty() ? null : new DnsConfig(dns, dnsSearch, dnsOptions);
    }

    Boolean init() { return init ? Boolean.TRUE : null; }

    Boolean readOnly() { return readOnly ? Boolean.TRUE : null; }

    String stopSignal() { return stopSignal; }

    Map<String, String> sysctls() {
        Map<String, String> out = new LinkedHashMap<>();
        for (KeyValue kv : sysctls) out.put(kv.key(), kv.value());
        return out;
    }

    /** The ulimits, parsed from {@code name=soft[:hard]} (hard defaults to soft). */
    List<Ulimit> ulimits() {
        List<Ulimit> out = new ArrayList<>();
        for (String u : ulimits) {
            int eq = u.indexOf('=');
            try {
                if (eq <= 0) throw new NumberFormatException();
                String[] limits = u.substring(eq + 1).split(":", -1);
                if (limits.length > 2) throw new NumberFormatException();
                long soft = Long.parseLong(limits[0]);
                long hard = limits.length == 2 ? Long.parseLong(limits[1]) : soft;
                if (soft > hard) throw new CliException("invalid argument \"" + u + "\" for \"--ulimit\" flag: soft limit is above the hard limit");
                out.add(new Ulimit(u.substring(0, eq), soft, hard));
            } catch (NumberFormatException e) {
                throw new CliException("invalid argument \"" + u + "\" for \"--ulimit\" flag: use name=soft[:hard], e.g. nofile=1024:2048");
            }
        }
        return out;
    }
}
