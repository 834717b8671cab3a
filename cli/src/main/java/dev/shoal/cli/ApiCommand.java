package dev.shoal.cli;

import dev.shoal.cli.client.ApiClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The base of every verb that talks to the daemon: gives it the API client, the output streams and
 * the clock of the root {@link Swarmctl}. A verb implements {@link #execute()} and throws on failure.
 */
public abstract class ApiCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    /** Does the command's work; any exception becomes an error message and exit code 1. */
    protected abstract void execute();

    @Override
    public final Integer call() {
        execute();
        out().flush();
        return Swarmctl.EXIT_OK;
    }

    /** The root command. */
    protected Swarmctl root() { return (Swarmctl) spec.root().userObject(); }

    /** The API client dialing the chosen daemon. */
    protected ApiClient client() { return root().client(); }

    /** Standard output. */
    protected PrintWriter out() { return spec.commandLine().getOut(); }

    /** Standard error. */
    protected PrintWriter err() { return spec.commandLine().getErr(); }

    /** The current time, for relative times. */
    protected Instant now() { return root().clock().instant(); }
}
