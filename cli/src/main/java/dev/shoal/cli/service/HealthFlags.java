package dev.shoal.cli.service;

import dev.shoal.cli.CliException;
import dev.shoal.cli.opts.GoDuration;
import dev.shoal.cli.opts.NonNegativeLong;
import dev.shoal.model.HealthConfig;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The health-check flags of {@code service create} and {@code service update}, as Docker's:
 * {@code --health-cmd} (run with the shell), {@code --health-interval|-timeout|-start-period|-retries},
 * and {@code --no-healthcheck}, which conflicts with the others. A picocli mixin.
 */
public final class HealthFlags {
    @Option(names = "--health-cmd", paramLabel = "string", description = "Command to run to check health")
    private String cmd;

    @Option(names = "--health-interval", paramLabel = "duration", converter = GoDuration.Converter.class,
            description = "Time between running the check (ms|s|m|h)")
    private Long interval;

    @Option(names = "--health-timeout", paramLabel = "duration", converter = GoDuration.Converter.class,
            description = "Maximum time to allow one check to run (ms|s|m|h)")
    private Long timeout;

    @Option(names = "--health-start-period", paramLabel = "duration", converter = GoDuration.Converter.class,
            description = "Start period for the container to initialize before counting retries towards unstable (ms|s|m|h)")
    private Long startPeriod;

    @Option(names = "--health-retries", paramLabel = "int", converter = NonNegativeLong.class,
            description = "Consecutive failures needed to report unhealthy")
    private Long retries;

    @Option(names = "--no-healthcheck", description = "Disable any container-specified HEALTHCHECK")
    private boolean disable;

    private boolean fieldsGiven() {
        return cmd != null || interval != null || timeout != null || startPeriod != null || retries != null;
    }

    /** Whether any of these flags was given. */
    boolean anyGiven() { return fieldsGiven() || disable; }

    /**
     * {@code base} (null: the image's own check) with the given flags applied: each {@code --health-*} replaces
     * one field, {@code --no-healthcheck} disables the check; a CliException when both kinds are given.
     */
    HealthConfig apply(HealthConfig base) {
        if (disable) {
            if (fieldsGiven()) throw new CliException("--no-healthcheck conflicts with --health-* options");
            return new HealthConfig(List.of("NONE"), null, null, null, null);
        }
        if (!fieldsGiven()) return base;
        HealthConfig h = base == null || base.test().equals(List.of("NONE")) ? new HealthConfig(List.of(), null, null, null, null) : base;
        return new HealthConfig(cmd != null ? List.of("CMD-SHELL", cmd) : h.test(), interval != null ? interval : h.interval(),
                timeout != null ? timeout : h.timeout(), startPeriod != null ? startPeriod : h.startPeriod(),
                retries != null ? Integer.valueOf(retries.intValue()) : h.retries());
    }
}
