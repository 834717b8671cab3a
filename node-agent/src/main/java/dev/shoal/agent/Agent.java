package dev.shoal.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.agent.ingress.IngressProxy;
import dev.shoal.agent.ingress.IngressRouter;
import dev.shoal.executor.ContainerEngine;
import dev.shoal.executor.EngineException;
import dev.shoal.executor.EngineInfo;
import dev.shoal.model.EngineDescription;
import dev.shoal.model.NodeDescription;
import dev.shoal.model.Platform;
import dev.shoal.model.Resources;
import dev.shoal.model.TaskStatus;
import dev.shoal.protocol.AgentMessage;
import dev.shoal.protocol.FrameCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's agent: holds one session to the leader's dispatcher, runs the tasks it is assigned on the
 * local engine through a {@link Worker}, and reports their states in batches. It reconnects on its
 * own (following redirects to the leader, moving on from a manager that cannot be reached or has
 * not answered for three heartbeat periods) and keeps its tasks running while disconnected; at the
 * start of every session it resends the newest state of each task. Thread-safe.
 */
public final class Agent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    private static final long MAX_BACKOFF_MILLIS = 1000;
    /**
     * A session whose manager has sent nothing (not even a heartbeat answer) for this many heartbeat periods is
     * given up for the next manager. A manager cut off by the network, or that stopped leading while its link
     * was down, never closes the connection; without this the agent would wait for TCP to give up (minutes).
     */
    private static final int SILENT_PERIODS = 3;

    private final String nodeId;
    private final ContainerEngine engine;
    private final Clock clock;
    private final ObjectMapper json;
    private final ExecutorService pool;
    private final Worker worker;
    private final IngressRouter ingress;
    private final SerialExecutor assignments;
    private final EventLoopGroup group;
    private final boolean ownsThreads;
    private final Map<String, TaskStatus> pendingStatuses = new LinkedHashMap<>();
    private volatile String managerAddress;
    private volatile List<String> knownManagers = List.of();
    private volatile java.util.function.Consumer<String> roleListener = r -> { };
    private volatile Channel channel;
    private volatile boolean registered;
    private volatile boolean closed;
    private volatile String lastRefusal;
    private volatile String lastFailure;
    private ScheduledFuture<?> heartbeat;
    private long backoffMillis = 50;
    private NodeDescription description;

    private final String hostname;
    private final SslContext tls;

    /**
     * @param managerAddress host:port of a manager's dispatcher; redirects may change it
     * @param hostname       the node's name to report, or null for the engine's hostname
     */
    public Agent(String nodeId, String managerAddress, ContainerEngine engine, Clock clock, String hostname) {
        this(nodeId, managerAddress, engine, clock, hostname, (SslContext) null, null);
    }

    /**
     * @param tls mutual TLS towards the managers (this node's certificate, the cluster CA to trust), or null
     *            for plain TCP (in-process tests only)
     */
    public Agent(String nodeId, String managerAddress, ContainerEngine engine, Clock clock, String hostname, SslContext tls) {
        this(nodeId, managerAddress, engine, clock, hostname, tls, null);
    }

    /** An agent without TLS on shared threads; for simulators (see the constructor below). */
    public Agent(String nodeId, String managerAddress, ContainerEngine engine, Clock clock, String hostname, AgentThreads shared) {
        this(nodeId, managerAddress, engine, clock, hostname, null, shared);
    }

    /**
     * An agent on {@code shared} threads (its session on the shared event loops, its task steps on the
     * shared pool), which its {@link #close} leaves running; with {@code null}, an agent with its own
     * event loop and 32-thread task pool, as {@code shoald} runs one. Sharing is for simulators that run
     * thousands of agents in one JVM.
     *
     * @param tls mutual TLS towards the managers, or null for plain TCP (tests and simulators only)
     */
    public Agent(String nodeId, String managerAddress, ContainerEngine engine, Clock clock, String hostname, SslContext tls,
                 AgentThreads shared) {
        this.tls = tls;
        this.hostname = hostname;
        this.nodeId = nodeId;
        this.managerAddress = managerAddress;
        this.engine = engine;
        this.clock = clock;
        this.ownsThreads = shared == null;
        this.json = shared != null ? shared.json() : FrameCodec.mapper();
        if (shared != null) {
            this.group = shared.sessions();
            this.pool = shared.tasks();
        } else {
            this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(32, r -> {
                Thread t = new Thread(r, "agent-task-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        this.ingress = new IngressRouter(engine, new IngressProxy());
        this.worker = new Worker(nodeId, engine, (taskId, status) -> {
            ingress.taskStatus(taskId, status);
            report(taskId, status);
        }, clock, pool);
        this.assignments = new SerialExecutor(pool);
    }

    /** Describes the host from the engine and starts connecting; returns at once. */
    public Agent start() {
        description = describe();
        connect();
        return this;
    }

    public String nodeId() { return nodeId; }

    /**
     * The managers to fall back on when the current one cannot be reached (tried in turn); the
     * dispatcher refreshes them at every registration.
     */
    public Agent withManagers(List<String> managers) {
        knownManagers = List.copyOf(managers);
        return this;
    }

    /** The managers this agent knows of now (for the daemon to remember across restarts). */
    public List<String> knownManagers() { return knownManagers; }

    /** Told (on the session's thread) when the dispatcher says this node's role changed: "manager" or "worker". */
    public void onRoleChanged(java.util.function.Consumer<String> listener) { roleListener = listener; }

    /** The manager this agent talks to (or tries to) now. */
    public String managerAddress() { return managerAddress; }

    /** True while a session with a dispatcher is open. */
    public boolean isRegistered() { return registered; }

    /** The last reason a dispatcher refused this agent, or null. */
    public String lastRefusal() { return lastRefusal; }

    /** The number of tasks this agent currently runs or tracks. */
    public int taskCount() { return worker.taskCount(); }

    private NodeDescription describe() {
        try {
            EngineInfo i = engine.info();
            return new NodeDescription(hostname != null ? hostname : i.hostname(), new Platform(i.architecture(), i.os()),
                    new Resources(i.nanoCpus(), i.memoryBytes(), i.genericResources()), new EngineDescription(i.engineVersion(), i.labels()));
        } catch (EngineException e) {
            log.warn("could not describe the engine: {}", e.getMessage());
            return new NodeDescription(hostname, null, Resources.NONE, null);
        }
    }

    private void connect() {
        if (closed) return;
        String addr = managerAddress;
        int colon = addr.lastIndexOf(':');
        String host = addr.substring(0, colon);
        int port = Integer.parseInt(addr.substring(colon + 1));
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), host, port));
                        FrameCodec.install(ch.pipeline(), json);
                        ch.pipeline().addLast(new SessionHandler());
                    }
                });
        ChannelFuture f = b.connect(host, port);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                log.debug("cannot reach manager at {}: {}", addr, done.cause().toString());
                nextManager(addr);
                scheduleReconnect();
            } else {
                channel = f.channel();
                channel.writeAndFlush(new AgentMessage.Register(nodeId, description));
            }
        });
    }

    /** After {@code failed} could not be reached, moves on to the next known manager, if any. */
    private void nextManager(String failed) {
        List<String> known = knownManagers;
        if (known.isEmpty()) return;
        int i = known.indexOf(failed);
        String next = known.get((i + 1) % known.size());
        if (!next.equals(failed)) {
            log.info("agent {}: manager {} unreachable, trying {}", nodeId, failed, next);
            managerAddress = next;
        }
    }

    private void scheduleReconnect() {
        if (closed) return;
        long delay = backoffMillis;
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        group.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void report(String taskId, TaskStatus status) {
        synchronized (pendingStatuses) {
            boolean first = pendingStatuses.isEmpty();
            pendingStatuses.put(taskId, status);
            // One flush per burst: the first report schedules it, later ones ride along.
            if (first) group.schedule(this::flushStatuses, 5, TimeUnit.MILLISECONDS);
        }
    }

    private void flushStatuses() {
        Channel ch = channel;
        if (ch == null || !registered) return; // resent in full when the next session opens
        List<AgentMessage.TaskStatusUpdate> batch;
        synchronized (pendingStatuses) {
            if (pendingStatuses.isEmpty()) return;
            batch = new ArrayList<>(pendingStatuses.size());
            pendingStatuses.forEach((id, s) -> batch.add(new AgentMessage.TaskStatusUpdate(id, s)));
            pendingStatuses.clear();
        }
        ch.writeAndFlush(new AgentMessage.StatusBatch(batch));
    }

    @Override
    public void close() {
        closed = true;
        Channel ch = channel;
        if (ch != null) ch.close().syncUninterruptibly();
        if (ownsThreads) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            pool.shutdownNow();
        }
        ingress.close();
    }

    /** Handles the dispatcher's messages on the session's event loop. */
    private final class SessionHandler extends SimpleChannelInboundHandler<AgentMessage> {
        /** When the manager was last heard from (System.nanoTime); read and written on the session's event loop only. */
        private long lastHeard = System.nanoTime();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, AgentMessage msg) {
            lastHeard = System.nanoTime();
            if (msg instanceof AgentMessage.Registered r) {
                registered = true;
                lastRefusal = null;
                if (!r.managers().isEmpty()) knownManagers = r.managers();
                backoffMillis = 50;
                long period = Math.max(100, r.heartbeatPeriodMillis());
                heartbeat = ctx.executor().scheduleAtFixedRate(() -> heartbeatOrGiveUp(ctx, period), period, period,
                        TimeUnit.MILLISECONDS);
                log.info("agent {} registered with manager {}", nodeId, managerAddress);
            } else if (msg instanceof AgentMessage.Assignments a) {
                boolean full = a.full();
                // Assignment sets are applied in arrival order, off the event loop (they may list containers).
                assignments.execute(() -> {
                    ingress.assignments(a);
                    worker.apply(a);
                    if (full) {
                        List<AgentMessage.TaskStatusUpdate> all = worker.currentStatuses();
                        if (!all.isEmpty()) ctx.writeAndFlush(new AgentMessage.StatusBatch(all));
                    }
                });
                flushStatuses();
            } else if (msg instanceof AgentMessage.RoleChanged rc) {
                log.info("agent {}: the swarm made this node a {}", nodeId, rc.role());
                roleListener.accept(rc.role());
            } else if (msg instanceof AgentMessage.Redirect r) {
                log.info("manager {} redirects agent {} to the leader at {}", managerAddress, nodeId, r.leaderAddr());
                managerAddress = r.leaderAddr();
                ctx.close();
            } else if (msg instanceof AgentMessage.Refused r) {
                if (r.reason().equals(lastRefusal)) {
                    log.debug("manager {} refused agent {} again: {}", managerAddress, nodeId, r.reason());
                } else {
                    log.warn("manager {} refused agent {}: {}", managerAddress, nodeId, r.reason());
                }
                lastRefusal = r.reason();
                ctx.close();
            }
        }

        /** Sends a heartbeat, unless the manager has been silent for {@link #SILENT_PERIODS} periods: then moves on. */
        private void heartbeatOrGiveUp(ChannelHandlerContext ctx, long period) {
            long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeard);
            if (silentMillis > SILENT_PERIODS * period) {
                String silent = managerAddress;
                log.info("agent {}: manager {} silent for {} ms, giving the session up", nodeId, silent, silentMillis);
                nextManager(silent);
                if (heartbeat != null) heartbeat.cancel(false);
                ctx.close();
                return;
            }
            ctx.writeAndFlush(new AgentMessage.Heartbeat());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            registered = false;
            if (heartbeat != null) heartbeat.cancel(false);
            channel = null;
            scheduleReconnect();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            String why = cause.getCause() != null ? cause.getCause().toString() : cause.toString();
            if (why.equals(lastFailure)) {
                log.debug("agent session with {} failed again: {}", managerAddress, why);
            } else {
                log.warn("agent session with {} failed: {}", managerAddress, why);
            }
            lastFailure = why;
            ctx.close();
        }
    }
}
