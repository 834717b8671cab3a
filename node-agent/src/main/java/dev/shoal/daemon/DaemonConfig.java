package dev.shoal.daemon;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code shoald} runs on this host. Addresses given at {@code swarm init} override the listen and
 * advertise defaults here. Immutable.
 *
 * @param dataDir         where the node's identity, Raft log and snapshots live
 * @param apiAddr         the control API's address (swarmctl talks to it)
 * @param listenAddr      the cluster address: agents connect to its port, Raft uses port + 1
 * @param advertiseAddr   the host other nodes reach this one at; null means the listen host, or 127.0.0.1
 * @param hostname        the node's name; null means the engine's hostname
 * @param dockerHost      the Docker Engine endpoint; null means DOCKER_HOST or the local socket
 * @param heartbeatPeriod how often agents heartbeat
 * @param heartbeatGrace  how long a silent node stays READY before it is marked DOWN
 */
public record DaemonConfig(
        Path dataDir,
        InetSocketAddress apiAddr,
        InetSocketAddress listenAddr,
        String advertiseAddr,
        String hostname,
        String dockerHost,
        Duration heartbeatPeriod,
        Duration heartbeatGrace) {

    public static final int DEFAULT_API_PORT = 4243;
    public static final int DEFAULT_CLUSTER_PORT = 2377;
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(4);

    /** The host to advertise when neither the request nor the configuration names one. */
    public String advertiseHost() {
        if (advertiseAddr != null && !advertiseAddr.isBlank()) return advertiseAddr;
        String h = listenAddr.getHostString();
        return h.equals("0.0.0.0") || h.equals("::") ? "127.0.0.1" : h;
    }

    /** Parses HOST:PORT, HOST, or :PORT with the given defaults; throws IllegalArgumentException naming the input. */
    public static InetSocketAddress parseAddr(String s, String defaultHost, int defaultPort) {
        if (s == null || s.isBlank()) return new InetSocketAddress(defaultHost, defaultPort);
        String v = s.startsWith("tcp://") ? s.substring(6) : s;
        int colon = v.lastIndexOf(':');
        String host = colon < 0 ? v : v.substring(0, colon);
        int port = defaultPort;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(v.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid address \"" + s + "\": the port must be a number");
            }
            if (port < 0 || port > 65535) throw new IllegalArgumentException("invalid address \"" + s + "\": port out of range");
        }
        return new InetSocketAddress(host.isEmpty() ? defaultHost : host, port);
    }
}
