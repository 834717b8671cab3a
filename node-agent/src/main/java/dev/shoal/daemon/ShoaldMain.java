package dev.shoal.daemon;

import dev.shoal.executor.ContainerEngine;
import dev.shoal.executor.EngineException;
import dev.shoal.executor.docker.DockerEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shoald}: parses the command line, connects to the local Docker Engine and runs the
 * {@link Daemon} until it is told to stop (SIGTERM/SIGINT close it cleanly).
 */
@Command(name = "shoald", mixinStandardHelpOptions = true, version = "shoald 0.1.0",
        description = "The Shoal daemon: runs this host's agent and, on managers, the replicated cluster store and control loops.")
public final class ShoaldMain implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "/var/lib/shoal", description = "Where the node's identity, Raft log and snapshots live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--api-addr", defaultValue = "127.0.0.1:" + DaemonConfig.DEFAULT_API_PORT,
            description = "Address of the control API that swarmctl talks to (default: ${DEFAULT-VALUE}).")
    String apiAddr;

    @Option(names = "--listen-addr", defaultValue = "0.0.0.0:" + DaemonConfig.DEFAULT_CLUSTER_PORT,
            description = "Cluster address: agents connect to its port, Raft uses port + 1 (default: ${DEFAULT-VALUE}). `swarm init --listen-addr` overrides it.")
    String listenAddr;

    @Option(names = "--advertise-addr", description = "Address other nodes reach this one at (default: the listen host, or 127.0.0.1).")
    String advertiseAddr;

    @Option(names = "--hostname", description = "The node's name in `node ls` (default: the engine's hostname).")
    String hostname;

    @Option(names = "--docker-host", description = "Docker Engine endpoint (default: DOCKER_HOST, else unix:///var/run/docker.sock).")
    String dockerHost;

    @Option(names = "--heartbeat-period", defaultValue = "1s", converter = DurationConverter.class,
            description = "How often agents heartbeat (default: ${DEFAULT-VALUE}).")
    Duration heartbeatPeriod;

    @Option(names = "--heartbeat-grace", defaultValue = "4s", converter = DurationConverter.class,
            description = "How long a silent node stays Ready before it is marked Down (default: ${DEFAULT-VALUE}).")
    Duration heartbeatGrace;

    @Override
    public Integer call() throws Exception {
        DaemonConfig config = new DaemonConfig(dataDir,
                DaemonConfig.parseAddr(apiAddr, "127.0.0.1", DaemonConfig.DEFAULT_API_PORT),
                DaemonConfig.parseAddr(listenAddr, "0.0.0.0", DaemonConfig.DEFAULT_CLUSTER_PORT),
                advertiseAddr, hostname, dockerHost, heartbeatPeriod, heartbeatGrace);
        ContainerEngine engine = DockerEngine.connect(dockerHost);
        try {
            engine.info();
        } catch (EngineException e) {
            System.err.println("shoald: cannot reach the Docker Engine" + (dockerHost == null ? "" : " at " + dockerHost)
                    + ": " + e.getMessage());
            return 1;
        }
        Daemon daemon = new Daemon(config, engine, Clock.systemUTC());
        try {
            daemon.start();
        } catch (Exception e) {
            System.err.println("shoald: " + e.getMessage());
            engine.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            engine.close();
            stopped.countDown();
        }, "shoald-shutdown"));
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new ShoaldMain()).execute(args);
        if (code != 0) System.exit(code);
    }

    /** Parses Go-style durations such as 500ms, 4s, 1m. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String v) {
            String s = v.trim();
            try {
                if (s.endsWith("ms")) return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
                if (s.endsWith("s")) return Duration.ofMillis((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
                if (s.endsWith("m")) return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
            throw new CommandLine.TypeConversionException("invalid duration \"" + v + "\" (use e.g. 500ms, 4s, 1m)");
        }
    }
}
