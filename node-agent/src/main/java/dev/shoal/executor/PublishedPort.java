package dev.shoal.executor;

/**
 * A container port published on the host (Swarm's host publish mode): connections to
 * {@code 0.0.0.0:hostPort} reach the container's {@code containerPort}. {@code protocol} is "tcp" (the
 * default), "udp" or "sctp". Immutable.
 */
public record PublishedPort(int hostPort, int containerPort, String protocol) {
    public PublishedPort {
        protocol = protocol == null || protocol.isBlank() ? "tcp" : protocol;
        if (hostPort < 0 || hostPort > 65535 || containerPort <= 0 || containerPort > 65535) {
            throw new IllegalArgumentException("invalid published port " + hostPort + ":" + containerPort + "/" + protocol);
        }
    }

    /** Docker's form: {@code 8080:80/tcp}. */
    @Override
    public String toString() { return hostPort + ":" + containerPort + "/" + protocol; }
}
