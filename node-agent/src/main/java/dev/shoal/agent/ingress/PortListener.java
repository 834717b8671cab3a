package dev.shoal.agent.ingress;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One published port: its current route and the server channel accepting on it (null while the port could
 * not be bound). The route is swapped atomically; connections read it once, when they are accepted, and
 * take backends round-robin from a shared counter. Thread-safe.
 */
final class PortListener {
    final int port;
    private volatile IngressRoute route;
    private final AtomicInteger next = new AtomicInteger();
    /** Guarded by the owning {@link IngressProxy}'s monitor. */
    Channel server;
    /** Guarded by the owning {@link IngressProxy}'s monitor: the last bind failed and was logged. */
    boolean bindFailed;

    PortListener(int port, IngressRoute route) {
        this.port = port;
        this.route = route;
    }

    IngressRoute route() { return route; }

    void route(IngressRoute r) { route = r; }

    /** The backends of the current route, rotated so that each call starts at the next one. */
    List<InetSocketAddress> pick() {
        List<InetSocketAddress> backends = route.backends();
        int n = backends.size();
        if (n <= 1) return backends;
        int first = Math.floorMod(next.getAndIncrement(), n);
        List<InetSocketAddress> rotated = new ArrayList<>(n);
        for (int i = 0; i < n; i++) rotated.add(backends.get((first + i) % n));
        return rotated;
    }
}
