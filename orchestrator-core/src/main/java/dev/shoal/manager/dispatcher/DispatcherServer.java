package dev.shoal.manager.dispatcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.protocol.AgentMessage;
import dev.shoal.protocol.FrameCodec;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network endpoint agents connect to, on every manager. While this manager leads, sessions are
 * served by the current {@link Dispatcher}; otherwise an agent's register is answered with a
 * {@link AgentMessage.Redirect} to the leader (or refused while there is none) and the connection is
 * closed. Thread-safe.
 */
public final class DispatcherServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DispatcherServer.class);

    private final InetSocketAddress bind;
    private final Supplier<Dispatcher> active;
    private final Supplier<String> leaderAddress;
    private final ObjectMapper json = FrameCodec.mapper();
    private final SslContext tls;
    private final JoinHandler joins;
    private final ExecutorService admissions = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "join-admission");
        t.setDaemon(true);
        return t;
    });
    private EventLoopGroup group;
    private Channel channel;

    /**
     * @param active        the dispatcher serving sessions now, or null when this manager does not lead
     * @param leaderAddress the current leader's dispatcher address, or null when unknown
     */
    public DispatcherServer(InetSocketAddress bind, Supplier<Dispatcher> active, Supplier<String> leaderAddress) {
        this(bind, active, leaderAddress, null);
    }

    /**
     * @param tls mutual TLS for every session (agents must present a certificate of the cluster's CA whose
     *            common name is the node id they register as), or null for plain TCP (in-process tests)
     */
    public DispatcherServer(InetSocketAddress bind, Supplier<Dispatcher> active, Supplier<String> leaderAddress, SslContext tls) {
        this(bind, active, leaderAddress, tls, null);
    }

    /**
     * @param joins admits new nodes that connect without a certificate and send a join request (null:
     *              joining is refused)
     */
    public DispatcherServer(InetSocketAddress bind, Supplier<Dispatcher> active, Supplier<String> leaderAddress, SslContext tls,
                            JoinHandler joins) {
        this.joins = joins;
        this.tls = tls;
        this.bind = bind;
        this.active = active;
        this.leaderAddress = leaderAddress;
    }

    /** Binds the port; throws IllegalStateException naming the address when it cannot. */
    public DispatcherServer start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        FrameCodec.install(ch.pipeline(), json);
                        ch.pipeline().addLast(new IdleStateHandler(60, 0, 0, TimeUnit.SECONDS));
                        ch.pipeline().addLast(new SessionHandler());
                    }
                });
        try {
            channel = b.bind(bind).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen for agents on " + bind + ": " + e.getMessage(), e);
        }
        log.info("dispatcher listening on {}", channel.localAddress());
        return this;
    }

    public InetSocketAddress boundAddress() { return (InetSocketAddress) channel.localAddress(); }

    @Override
    public void close() {
        if (channel != null) channel.close().syncUninterruptibly();
        if (group != null) group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        admissions.shutdownNow();
    }

    /** The CN of an RFC 2253 distinguished name, or "" when it has none. */
    static String commonName(String dn) {
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) return String.valueOf(rdn.getValue());
            }
        } catch (InvalidNameException e) {
            return "";
        }
        return "";
    }

    /** Adapts one channel to an {@link AgentSession} and feeds its messages to the active dispatcher. */
    private final class SessionHandler extends SimpleChannelInboundHandler<AgentMessage> implements AgentSession {
        private Channel ch;
        private Dispatcher servedBy;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ch = ctx.channel();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, AgentMessage msg) {
            if (msg instanceof AgentMessage.Join j) {
                admit(j);
                return;
            }
            if (tls != null && "".equals(authenticatedNodeId())) {
                // A connection without a certificate may only ask to join.
                send(new AgentMessage.Refused("this node has no certificate of this swarm: join it with a token first"));
                close();
                return;
            }
            if (servedBy == null || msg instanceof AgentMessage.Register) {
                Dispatcher d = active.get();
                if (d == null) {
                    String leader = leaderAddress.get();
                    send(leader == null ? new AgentMessage.Refused("this manager has no leader yet; try again")
                            : new AgentMessage.Redirect(leader));
                    close();
                    return;
                }
                servedBy = d;
            }
            servedBy.onMessage(this, msg);
        }

        /** Answers a join request off the event loop (admission writes to the store) and closes. */
        private void admit(AgentMessage.Join join) {
            if (joins == null) {
                send(new AgentMessage.Refused("this manager does not admit new nodes"));
                close();
                return;
            }
            String proven = authenticatedNodeId();
            String from = remoteAddress();
            try {
                admissions.execute(() -> {
                    AgentMessage answer;
                    try {
                        answer = joins.admit(join, proven == null ? "" : proven, from);
                    } catch (RuntimeException e) {
                        log.warn("join request from {} failed", from, e);
                        answer = new AgentMessage.Refused("the manager could not admit this node: " + e.getMessage());
                    }
                    if (ch != null && ch.isActive()) ch.writeAndFlush(answer).addListener(f -> ch.close());
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                close();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (servedBy != null) servedBy.onClosed(this);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("agent session {} failed: {}", remoteAddress(), cause.toString());
            ctx.close();
        }

        @Override
        public void send(AgentMessage message) {
            if (ch != null && ch.isActive()) ch.writeAndFlush(message);
        }

        @Override
        public void close() {
            if (ch != null) ch.close();
        }

        @Override
        public boolean isOpen() { return ch != null && ch.isActive(); }

        @Override
        public String remoteAddress() {
            return ch == null ? null : String.valueOf(ch.remoteAddress());
        }

        @Override
        public String authenticatedNodeId() {
            SslHandler h = ch == null ? null : ch.pipeline().get(SslHandler.class);
            if (h == null) return null;
            try {
                Certificate[] chain = h.engine().getSession().getPeerCertificates();
                if (chain.length == 0 || !(chain[0] instanceof X509Certificate x)) return "";
                return commonName(x.getSubjectX500Principal().getName());
            } catch (SSLPeerUnverifiedException e) {
                return "";
            }
        }
    }
}
