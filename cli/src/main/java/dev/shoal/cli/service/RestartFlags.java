package dev.shoal.cli.service;

import dev.shoal.cli.opts.GoDuration;
import dev.shoal.cli.opts.NonNegativeLong;
import dev.shoal.cli.opts.RestartConditionConverter;
import dev.shoal.model.RestartCondition;
import dev.shoal.model.RestartPolicy;
import picocli.CommandLine.Option;

/** The {@code --restart-*} flags of {@code service create} and {@code service update}, as Docker's. A picocli mixin. */
public final class RestartFlags {
    @Option(names = "--restart-condition", paramLabel = "string", converter = RestartConditionConverter.class,
            description = "Restart when condition is met (\"none\", \"on-failure\", \"any\") (default \"any\")")
    private RestartCondition condition;

    @Option(names = "--restart-delay", paramLabel = "duration", converter = GoDuration.Converter.class,
            description = "Delay between restart attempts (ns|us|ms|s|m|h) (default 5s)")
    private Long delay;

    @Option(names = "--restart-max-attempts", paramLabel = "uint", converter = NonNegativeLong.class,
            description = "Maximum number of restarts before giving up")
    private Long maxAttempts;

    @Option(names = "--restart-window", paramLabel = "duration", converter = GoDuration.Converter.class,
            description = "Window used to evaluate the restart policy (ns|us|ms|s|m|h)")
    private Long window;

    /** Whether any of these flags was given. */
    boolean anyGiven() { return condition != null || delay != null || maxAttempts != null || window != null; }

    /** {@code base} with each given flag replacing its field. */
    RestartPolicy apply(RestartPolicy base) {
        return new RestartPolicy(condition != null ? condition : base.condition(), delay != null ? delay : base.delay(),
                maxAttempts != null ? maxAttempts : base.maxAttempts(), window != null ? window : base.window());
    }
}
