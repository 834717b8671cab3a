package dev.shoal.cli.service;

import dev.shoal.cli.CliException;
import dev.shoal.cli.opts.GoDuration;
import dev.shoal.cli.opts.NonNegativeLong;
import dev.shoal.model.UpdateConfig;
import picocli.CommandLine.Option;

/**
 * The {@code --update-*} and {@code --rollback-*} flags of {@code service create} and {@code service update},
 * as Docker's: each given flag replaces one field of the service's {@code UpdateConfig} or
 * {@code RollbackConfig}, the others are kept. A picocli mixin; a failure action or order Docker does not
 * know is a {@link CliException} before anything is sent.
 */
public final class RolloutFlags {
    @Option(names = "--update-parallelism", paramLabel = "uint", converter = NonNegativeLong.class,
            description = "Maximum number of tasks updated simultaneously (0 to update all at once) (default 1)")
    private Long updateParallelism;

    @Option(names = "--update-delay", paramLabel = "duration", converter = GoDuration.Converter.class,
            description = "Delay between updates (ns|us|ms|s|m|h) (default 0s)")
    private Long updateDelay;

    @Option(names = "--update-failure-action", paramLabel = "string",
            description = "Action on update failure (\"pause\", \"continue\", \"rollback\") (default \"pause\")")
    private String updateFailureAction;

    @Option(names = "--update-monitor", paramLabel = "duration", converter = GoDuration.Converter.class,
            description = "Duration after each task update to monitor for failure (ns|us|ms|s|m|h) (default 5s)")
    private Long updateMonitor;

    @Option(names = "--update-max-failure-ratio", paramLabel = "float", description = "Failure rate to tolerate during an update")
    private Double updateMaxFailureRatio;

    @Option(names = "--update-order", paramLabel = "string", description = "Update order (\"start-first\", \"stop-first\") (default \"stop-first\")")
    private String updateOrder;

    @Option(names = "--rollback-parallelism", paramLabel = "uint", converter = NonNegativeLong.class,
            description = "Maximum number of tasks rolled back simultaneously (0 to roll back all at once) (default 1)")
    private Long rollbackParallelism;

    @Option(names = "--rollback-delay", paramLabel = "duration", converter = GoDuration.Converter.class,
            description = "Delay between task rollbacks (ns|us|ms|s|m|h) (default 0s)")
    private Long rollbackDelay;

    @Option(names = "--rollback-failure-action", paramLabel = "string",
            description = "Action on rollback failure (\"pause\", \"continue\") (default \"pause\")")
    private String rollbackFailureAction;

    @Option(names = "--rollback-monitor", paramLabel = "duration", converter = GoDuration.Converter.class,
            description = "Duration after each task rollback to monitor for failure (ns|us|ms|s|m|h) (default 5s)")
    private Long rollbackMonitor;

    @Option(names = "--rollback-max-failure-ratio", paramLabel = "float", description = "Failure rate to tolerate during a rollback")
    private Double rollbackMaxFailureRatio;

    @Option(names = "--rollback-order", paramLabel = "string",
            description = "Rollback order (\"start-first\", \"stop-first\") (default \"stop-first\")")
    private String rollbackOrder;

    /** Checks the given values (a CliException naming the flag); call before contacting the daemon. */
    void validate() {
        check("update", updateFailureAction, true, updateOrder, updateMaxFailureRatio);
        check("rollback", rollbackFailureAction, false, rollbackOrder, rollbackMaxFailureRatio);
    }

    /** Whether any of these flags was given. */
    boolean anyGiven() {
        return updateGiven() || rollbackGiven();
    }

    /** The update config: {@code base} (null: none) with the given {@code --update-*} flags applied; null when neither. */
    UpdateConfig update(UpdateConfig base) {
        if (!updateGiven()) return base;
        validate();
        return apply(base, updateParallelism, updateDelay, updateFailureAction, updateMonitor, updateMaxFailureRatio, updateOrder);
    }

    /** The rollback config: {@code base} (null: none) with the given {@code --rollback-*} flags applied; null when neither. */
    UpdateConfig rollback(UpdateConfig base) {
        if (!rollbackGiven()) return base;
        validate();
        return apply(base, rollbackParallelism, rollbackDelay, rollbackFailureAction, rollbackMonitor, rollbackMaxFailureRatio, rollbackOrder);
    }

    private boolean updateGiven() {
        return updateParallelism != null || updateDelay != null || updateFailureAction != null || updateMonitor != null
                || updateMaxFailureRatio != null || updateOrder != null;
    }

    private boolean rollbackGiven() {
        return rollbackParallelism != null || rollbackDelay != null || rollbackFailureAction != null || rollbackMonitor != null
                || rollbackMaxFailureRatio != null || rollbackOrder != null;
    }

    private static void check(String what, String action, boolean mayRollback, String order, Double ratio) {
        if (action != null && !action.equals("pause") && !action.equals("continue") && !(mayRollback && action.equals("rollback"))) {
            throw new CliException("invalid argument \"" + action + "\" for \"--" + what + "-failure-action\" flag: must be "
                    + (mayRollback ? "pause, continue or rollback" : "pause or continue"));
        }
        if (order != null && !order.equals("start-first") && !order.equals("stop-first")) {
            throw new CliException("invalid argument \"" + order + "\" for \"--" + what + "-order\" flag: must be start-first or stop-first");
        }
        if (ratio != null && (ratio < 0 || ratio > 1 || ratio.isNaN())) {
            throw new CliException("invalid argument \"" + ratio + "\" for \"--" + what + "-max-failure-ratio\" flag: must be between 0 and 1");
        }
    }

    private static UpdateConfig apply(UpdateConfig b, Long parallelism, Long delay, String action, Long monitor, Double ratio, String order) {
        return new UpdateConfig(
                parallelism != null ? parallelism : b == null ? null : b.parallelism(),
                delay != null ? delay : b == null ? null : b.delay(),
                action != null ? action : b == null ? null : b.failureAction(),
                monitor != null ? monitor : b == null ? null : b.monitor(),
                ratio != null ? ratio : b == null ? null : b.maxFailureRatio(),
                order != null ? order : b == null ? null : b.order());
    }
}
