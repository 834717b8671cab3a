package dev.shoal.agent.ingress;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's ingress: a TCP proxy that listens on each published port it is given and forwards every
 * accepted connection to one of that port's backends ({@code containerIP:targetPort} of the service's running
 * local containers), round-robin, skipping backends that refuse. Bytes are relayed with backpressure (a side
 * reads only once the other side has taken what it read), half-closes are passed on, and a close on either
 * side closes the other.
 *
 * <p>{@link #update} sets the whole routing table at once: new ports start listening, ports that are gone stop
 * listening (connections already relayed are left to finish), and the backends of the other ports are swapped
 * for new connections. A port with no backends stays bound and closes each new connection at once.
 *
 * <p>Failures: a port that cannot be bound (taken by another process) is logged at WARN with the port and
 * the service, is left unbound, and is tried again every {@link #BIND_RETRY} (on a private timer thread,
 * started on the first failure) and at each {@link #update} while it is still listed; it never affects other
 * ports or the caller. Retries also cover a port that is still being released by the OS after it was removed
 * and added back. Connection errors are logged at DEBUG and close that connection
 * only.
 *
 * <p>Thread-safe: {@link #update} and {@link #close} are serialised on the proxy's monitor and block while
 * binding and unbinding; they must not be called from the proxy's own event loops. The proxy owns its event
 * loops (daemon threads) until {@link #close()}. TCP only: UDP ports are not served.
 */
public final class IngressProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngressProxy.class);

    /** How long a connection to a backend may take before the next backend is tried. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 3000;

    /** How often a port that could not be bound is tried again. */
    public static final Duration BIND_RETRY = Duration.ofSeconds(1);

    private final InetAddress bindAddress;
    private final int connectTimeoutMillis;
    private final int threads;
    /** Guarded by this; made at the first bind, so a node that publishes no ingress port costs no thread or selector. */
    private EventLoopGroup group;
    private final Map<Integer, PortListener> listeners = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this
    private ScheduledExecutorService retries; // guarded by this; created on the first bind failure
    private boolean retryScheduled; // guarded by this

    /** A proxy listening on all interfaces (0.0.0.0), with two event loop threads. */
    public IngressProxy() {
        this(null, 2, DEFAULT_CONNECT_TIMEOUT_MILLIS);
    }

    /**
     * @param bindAddress          the address to listen on; null for all interfaces
     * @param threads              event loop threads (they serve all ports and connections)
     * @param connectTimeoutMillis how long to wait for one backend before trying the next
     */
    public IngressProxy(InetAddress bindAddress, int threads, int connectTimeoutMillis) {
        this.bindAddress = bindAddress;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.threads = threads;
    }

    /** The event loops, made on first use. */
    private synchronized EventLoopGroup eventLoops() {
        if (group == null) {
            AtomicInteger n = new AtomicInteger();
            group = new MultiThreadIoEventLoopGroup(threads, r -> {
                Thread t = new Thread(r, "shoal-ingress-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, NioIoHandler.newFactory());
        }
        return group;
    }

    /**
     * Replaces the routing table: {@code routes} maps each published port to serve to its route. Ports not in
     * it stop listening. Blocks until new ports are bound (or have failed to bind) and removed ports are
     * unbound. Does nothing after {@link #close()}.
     */
    public synchronized void update(Map<Integer, IngressRoute> routes) {
        if (closed) return;
        for (Integer port : new ArrayList<>(listeners.keySet())) {
            if (!routes.containsKey(port)) stop(listeners.remove(port));
        }
        for (Map.Entry<Integer, IngressRoute> e : routes.entrySet()) {
            int port = e.getKey();
            PortListener l = listeners.get(port);
            if (l == null) {
                l = new PortListener(port, e.getValue());
                listeners.put(port, l);
            } else {
                IngressRoute old = l.route();
                l.route(e.getValue());
                if (l.server != null && !old.backends().equals(e.getValue().backends())) {
                    log.info("ingress port {} of service {}: backends now {}", port, e.getValue().service(),
                            e.getValue().backends());
                }
            }
            if (l.server == null) bind(l);
        }
    }

    /** The ports currently bound and accepting, in order. */
    public synchronized Set<Integer> listeningPorts() {
        Set<Integer> out = new TreeSet<>();
        for (PortListener l : listeners.values()) {
            if (l.server != null && l.server.isActive()) out.add(l.port);
        }
        return out;
    }

    /** Stops listening on every port, closes every relayed connection and ends the event loops. Idempotent. */
    @Override
    public void close() {
        EventLoopGroup loops;
        synchronized (this) {
            if (closed) return;
            closed = true;
            for (PortListener l : listeners.values()) stop(l);
            listeners.clear();
            if (retries != null) retries.shutdownNow();
            loops = group;
        }
        if (loops != null) loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void bind(PortListener l) {
        IngressRoute route = l.route();
        InetSocketAddress address = bindAddress == null ? new InetSocketAddress(l.port) : new InetSocketAddress(bindAddress, l.port);
        ChannelFuture f = new ServerBootstrap()
                .group(eventLoops())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Relay.Front(l, connectTimeoutMillis));
                    }
                })
                .bind(address)
                .awaitUninterruptibly();
        if (f.isSuccess()) {
            l.server = f.channel();
            log.info("ingress: listening on {} for service {} (backends {})", address, route.service(), route.backends());
            l.bindFailed = false;
        } else if (!l.bindFailed) {
            l.bindFailed = true;
            scheduleRetry();
            log.warn("ingress: cannot publish port {} of service {}: cannot listen on {}: {} (retrying every {})", l.port,
                    route.service(), address, f.cause().toString(), BIND_RETRY);
        } else {
            scheduleRetry();
            log.debug("ingress: port {} of service {} still cannot be bound: {}", l.port, route.service(), f.cause().toString());
        }
    }

    private void scheduleRetry() {
        if (retryScheduled || closed) return;
        if (retries == null) {
            retries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "shoal-ingress-bind-retry");
                t.setDaemon(true);
                return t;
            });
        }
        retryScheduled = true;
        retries.schedule(this::retryBinds, BIND_RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void retryBinds() {
        retryScheduled = false;
        if (closed) return;
        for (PortListener l : listeners.values()) {
            if (l.server == null) bind(l);
        }
    }

    private void stop(PortListener l) {
        if (l.server != null) {
            l.server.close().awaitUninterruptibly();
            log.info("ingress: stopped listening on port {} (service {})", l.port, l.route().service());
            l.server = null;
        }
    }

    @Override
    public String toString() {
        return "IngressProxy[" + (bindAddress == null ? "0.0.0.0" : bindAddress.getHostAddress()) + "]";
    }
}
