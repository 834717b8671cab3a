package dev.shoal.cluster;

import dev.shoal.agent.Agent;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeRole;
import dev.shoal.model.NodeSpec;
import dev.shoal.model.NodeState;
import dev.shoal.model.NodeStatus;
import dev.shoal.model.Version;
import dev.shoal.protocol.AgentMessage;
import dev.shoal.protocol.FrameCodec;
import dev.shoal.security.ClusterCa;
import dev.shoal.security.NodeCredentials;
import dev.shoal.security.TlsContexts;
import dev.shoal.store.Proposal;
import dev.shoal.store.StoreAction;
import dev.shoal.testing.FakeEngine;
import dev.shoal.testing.InProcessCluster;
import dev.shoal.testing.Wait;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose manager goes silent without closing the connection — the leader cut off by the network, as on
 * the testbed — gives the session up after a few heartbeat periods and registers with the next manager, instead
 * of waiting for TCP to time out while the new leader marks its node down.
 */
class SilentManagerTest {
    @TempDir
    Path dir;
    private InProcessCluster cluster;
    private EventLoopGroup silentLoop;
    private Agent agent;

    @BeforeEach
    void start() throws Exception {
        cluster = InProcessCluster.start(dir, Duration.ofSeconds(30));
        silentLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterEach
    void stop() {
        if (agent != null) agent.close();
        silentLoop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        cluster.close();
    }

    /**
     * A manager that accepts the agent's session (TLS with a manager certificate of the cluster's CA), answers
     * its registration with a 100 ms heartbeat period and {@code managers}, and then never sends anything again
     * nor closes the connection.
     */
    private String silentManager(List<String> others) throws Exception {
        ClusterCa ca = NodeCredentials.loadCa(cluster.dataDir());
        String clusterId = cluster.store().view(tx -> tx.cluster().id());
        SslContext tls = TlsContexts.server(NodeCredentials.issue(ca, "silent-manager", "swarm-manager", clusterId));
        String[] self = new String[1];
        Channel server = new ServerBootstrap().group(silentLoop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        FrameCodec.install(ch.pipeline(), FrameCodec.mapper());
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<AgentMessage>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, AgentMessage msg) {
                                if (msg instanceof AgentMessage.Register) {
                                    List<String> managers = new java.util.ArrayList<>(List.of(self[0]));
                                    managers.addAll(others);
                                    ctx.writeAndFlush(new AgentMessage.Registered("silent-session", 100, managers));
                                }
                                // heartbeats are swallowed: no answer, no close
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        self[0] = "127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
        return self[0];
    }

    @Test
    void anAgentWhoseManagerFallsSilentRegistersWithTheNextOne() throws Exception {
        String silent = silentManager(List.of(cluster.dispatcherAddress()));
        String nodeId = "silent-test-node";
        Instant now = Instant.now();
        cluster.store().commit(Proposal.atomic(new StoreAction.Create(new Node(nodeId, Version.NONE, now, now,
                new NodeSpec("worker-s", null, NodeRole.WORKER, NodeAvailability.ACTIVE), null,
                new NodeStatus(NodeState.UNKNOWN, null, "127.0.0.1"), null))));
        FakeEngine engine = new FakeEngine(FakeEngine.info("worker-s", 4, 8L << 30)).acceptAnyImage(true);
        agent = new Agent(nodeId, silent, engine, Clock.systemUTC(), "worker-s",
                TlsContexts.client(cluster.credentialsFor(nodeId, nodeId))).start();

        Wait.until("the agent registers with the silent manager", agent::isRegistered);
        Wait.until("the agent gives the silent session up and registers with the real manager", Duration.ofSeconds(30),
                () -> cluster.store().view(tx -> {
                    Node n = tx.node(nodeId);
                    return n != null && n.status() != null && n.status().state() == NodeState.READY;
                }));
    }
}
