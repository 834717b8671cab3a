package dev.shoal.agent.ingress;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Where one published port leads: the service that publishes it (for logs) and the addresses
 * ({@code containerIP:targetPort}) of that service's running local containers. An empty list keeps the port
 * open but closes each new connection at once. Immutable.
 */
public record IngressRoute(String service, List<InetSocketAddress> backends) {
    public IngressRoute {
        service = service == null ? "" : service;
        backends = backends == null ? List.of() : List.copyOf(backends);
    }

    /** A route of {@code service} to {@code backends}. */
    public static IngressRoute of(String service, InetSocketAddress... backends) {
        return new IngressRoute(service, List.of(backends));
    }
}
