package dev.shoal.raft;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.impl.ClientProtoUtils;
import org.apache.ratis.proto.RaftProtos.ReadIndexRequestProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a manager does ahead of time so that, when the leader dies, the survivors elect a new one and it starts
 * leading without delay: Ratis' leader classes loaded at start ({@link #LEADER_CLASSES}), and this peer's Raft
 * connections to the other managers kept open ({@link #warmPeerConnections}). Neither changes any Raft state;
 * both are best effort (a failure only loses the head start). Runs on one daemon thread of its own; thread-safe.
 * Depends on Ratis 3.2 internals (class names, {@code ClientProtoUtils}): re-check on a Ratis upgrade.
 */
final class ElectionHeadStart implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ElectionHeadStart.class);
    /** How often {@link #warmPeerConnections} runs. */
    static final long EVERY_SECONDS = 10;

    private final RaftServer server;
    private final RaftGroupId groupId;
    private final RaftPeerId selfId;
    private final ClientId clientId = ClientId.randomId();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shoal-raft-connections");
        t.setDaemon(true);
        return t;
    });

    ElectionHeadStart(RaftServer server, RaftGroupId groupId, RaftPeerId selfId) {
        this.server = server;
        this.groupId = groupId;
        this.selfId = selfId;
    }

    /** Loads the leader classes now and opens the connections every {@value #EVERY_SECONDS} s from 1 s on; returns at once. */
    ElectionHeadStart start() {
        thread.execute(ElectionHeadStart::loadLeaderClasses);
        thread.scheduleWithFixedDelay(this::warmPeerConnections, 1, EVERY_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    /**
     * Ratis' classes for leading a group (with their nested classes), loaded and initialised ahead of time. A manager
     * that has never led loads them when it is elected, between the vote and its first append to the followers: in
     * the traced failovers on a loaded host that took 0.15-0.6 s, silence during which the other survivor's election
     * timer runs (it stood for election once, and once the new leader, stalled further by a GC pause, stepped down).
     * Static initialisers only; nothing is created.
     */
    private static final List<String> LEADER_CLASSES = List.of(
            "org.apache.ratis.server.impl.LeaderStateImpl",
            "org.apache.ratis.server.impl.PendingRequests",
            "org.apache.ratis.server.impl.WatchRequests",
            "org.apache.ratis.server.impl.MessageStreamRequests",
            "org.apache.ratis.server.impl.PendingStepDown",
            "org.apache.ratis.server.impl.ReadIndexHeartbeats",
            "org.apache.ratis.server.impl.LeaderLease",
            "org.apache.ratis.server.impl.FollowerInfoImpl",
            "org.apache.ratis.server.metrics.LogAppenderMetrics",
            "org.apache.ratis.server.leader.LogAppenderBase",
            "org.apache.ratis.server.leader.LogAppenderDaemon",
            "org.apache.ratis.grpc.server.GrpcLogAppender",
            "org.apache.ratis.grpc.metrics.GrpcServerMetrics",
            "org.apache.ratis.retry.MultipleLinearRandomRetry");

    private static void loadLeaderClasses() {
        ClassLoader loader = RaftServer.class.getClassLoader();
        int loaded = 0;
        for (String name : LEADER_CLASSES) {
            try {
                Class<?> c = Class.forName(name, true, loader);
                loaded++;
                for (Class<?> nested : c.getDeclaredClasses()) {
                    Class.forName(nested.getName(), true, loader);
                    loaded++;
                }
            } catch (Throwable e) { // a class renamed in another Ratis version: only the head start is lost
                log.debug("could not load Ratis class {} ahead of time: {}", name, e.toString());
            }
        }
        log.debug("loaded {} Ratis leader classes ahead of time", loaded);
    }

    /**
     * Opens (or keeps open) this peer's Raft connection to every other member, so that an election does not have
     * to open them. A follower sends nothing to the other followers in normal operation; Ratis opens its
     * connection to a peer (TCP, then the mutual-TLS handshake, on code paths no request has taken yet in this
     * JVM) only when it first needs it, which for a follower is when it stands for election after the leader
     * died. In the traced failovers (a loaded 2-core host) that first pre-vote round trip took 0.3-0.9 s where
     * the election round right after it, on the now open connection, took about 0.1 s; and a long pre-vote
     * round is what lets the other survivor's timer fire too, so that both stand, split the vote and wait a
     * whole election timeout more.
     *
     * <p>The request sent is Ratis' own read-index request between servers (the one a follower sends the leader
     * for a linearizable read), which changes nothing anywhere: a peer that is not the leader answers it at once
     * with a refusal, the leader answers with its commit index (from its lease, or after one heartbeat round).
     * Every {@value #EVERY_SECONDS} s, so connections to managers that joined since, or that
     * restarted, are opened too; failures (a peer down) are ignored.
     */
    void warmPeerConnections() {
        try {
            RaftServer.Division division = server.getDivision(groupId);
            var async = server.getServerRpc().async();
            for (RaftPeer peer : division.getRaftConf().getCurrentPeers()) {
                if (peer.getId().equals(selfId)) continue;
                RaftClientRequest read = RaftClientRequest.newBuilder()
                        .setClientId(clientId)
                        .setServerId(peer.getId())
                        .setGroupId(groupId)
                        .setCallId(0)
                        .setMessage(Message.EMPTY)
                        .setType(RaftClientRequest.readRequestType())
                        .build();
                ReadIndexRequestProto request = ReadIndexRequestProto.newBuilder()
                        .setServerRequest(ClientProtoUtils.toRaftRpcRequestProtoBuilder(division.getMemberId(), peer.getId()))
                        .setClientRequest(ClientProtoUtils.toRaftClientRequestProto(read, false))
                        .build();
                async.readIndexAsync(request).whenComplete((reply, err) -> {
                    if (err != null) log.trace("Raft connection to {} not open: {}", peer.getId(), err.toString());
                });
            }
        } catch (IOException | RuntimeException e) {
            log.trace("could not open the Raft connections to the other managers: {}", e.toString());
        }
    }

    @Override
    public void close() { thread.shutdownNow(); }
}
