package dev.shoal.cli;

import dev.shoal.cli.client.ApiClient;
import dev.shoal.cli.client.DaemonAddress;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code swarmctl}, the command line client of a Shoal swarm: the root command, the global
 * {@code --host} option and the wiring of picocli (error handlers, exit codes).
 *
 * <p>Exit codes: {@value #EXIT_OK} on success (including {@code --help} and {@code --version});
 * {@value #EXIT_ERROR} on every failure — usage errors (unknown flag, bad flag value, missing
 * argument), client-side errors, an unreachable daemon and errors answered by the daemon alike.
 * Docker uses 125 for some usage errors; swarmctl keeps one failure code so scripts need test only
 * for non-zero.
 */
@Command(name = "swarmctl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Control a Shoal swarm: its nodes, services and the swarm itself.",
        commandListHeading = "%nCommands:%n",
        footer = "%nRun 'swarmctl COMMAND --help' for more information on a command.")
public final class Swarmctl implements Runnable {
    /** The exit code of a command that succeeded. */
    public static final int EXIT_OK = 0;
    /** The exit code of every failure. */
    public static final int EXIT_ERROR = 1;
    /** The environment variable naming the daemon when {@code --host} is not given. */
    public static final String HOST_ENV = "SHOAL_HOST";

    @Option(names = {"-H", "--host"}, scope = ScopeType.INHERIT, paramLabel = "tcp://IP:PORT",
            description = "Daemon to connect to (default: $" + HOST_ENV + ", else " + DaemonAddress.DEFAULT + ")")
    private String host;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;
    private final InputStream in;
    private ApiClient client;

    /** A root command reading the given environment and clock, and this process's standard input. */
    public Swarmctl(Map<String, String> env, Clock clock) {
        this(env, clock, System.in);
    }

    /**
     * A root command reading the given environment, clock and input.
     *
     * @param env   the client's environment (for {@code SHOAL_HOST} and bare {@code --env KEY})
     * @param clock the clock relative times are computed against
     * @param in    what {@code -} names as a file ({@code secret create NAME -}, {@code stack deploy -c -})
     */
    public Swarmctl(Map<String, String> env, Clock clock, InputStream in) {
        this.env = Map.copyOf(Objects.requireNonNull(env));
        this.clock = Objects.requireNonNull(clock);
        this.in = Objects.requireNonNull(in);
    }

    /** Runs swarmctl and exits with its exit code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(args, System.getenv(), Clock.systemUTC(), out, err));
    }

    /** Runs one swarmctl command line against the given environment and streams; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, Clock clock, PrintWriter out, PrintWriter err) {
        return run(args, env, clock, System.in, out, err);
    }

    /** As above, with {@code in} as the standard input. */
    public static int run(String[] args, Map<String, String> env, Clock clock, InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cl = new Swarmctl(env, clock, in).commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** This command's picocli command line with every noun and verb, configured with swarmctl's error handling. */
    public CommandLine commandLine() {
        return configure(tree(null));
    }

    /**
     * The command line for running {@code args}: as {@link #commandLine()}, but with only the noun and
     * verb {@code args} name built when they name one ({@link CommandTree}), which halves start-up.
     */
    public CommandLine commandLine(String[] args) {
        return configure(tree(args));
    }

    private CommandLine tree(String[] args) {
        CommandLine cl = new CommandLine(this);
        if (args == null) CommandTree.addAll(cl);
        else CommandTree.addFor(cl, args);
        return cl;
    }

    private static CommandLine configure(CommandLine cl) {
        ErrorHandler handler = new ErrorHandler();
        cl.setExecutionExceptionHandler(handler);
        cl.setParameterExceptionHandler(handler);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setExitCodeExceptionMapper(e -> EXIT_ERROR);
        stopAtPositional(cl);
        return cl;
    }

    private static void stopAtPositional(CommandLine cl) {
        if (cl.getCommand() instanceof StopsAtFirstPositional) cl.setStopAtPositional(true);
        for (CommandLine sub : cl.getSubcommands().values()) stopAtPositional(sub);
    }

    /** The daemon address: {@code --host}, else {@code $SHOAL_HOST}, else {@link DaemonAddress#DEFAULT}. */
    public DaemonAddress daemonAddress() {
        String h = host;
        if (h == null || h.isBlank()) h = env.get(HOST_ENV);
        if (h == null || h.isBlank()) h = DaemonAddress.DEFAULT;
        try {
            return DaemonAddress.parse(h);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** The API client for this invocation, dialing {@link #daemonAddress()}. */
    public ApiClient client() {
        if (client == null) client = new ApiClient(daemonAddress());
        return client;
    }

    /** The client's environment. */
    public Map<String, String> env() { return env; }

    /** The clock for relative times. */
    public Clock clock() { return clock; }

    /** The standard input, which a file named {@code -} reads. */
    public InputStream in() { return in; }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
