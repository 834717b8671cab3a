package dev.shoal.raft;

import dev.shoal.store.MemoryStore;
import dev.shoal.store.ProposalCodec;
import dev.shoal.store.Proposer;
import dev.shoal.store.StoreError;
import dev.shoal.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.retry.ExceptionDependentRetry;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This manager's peer in the cluster's Raft group: a Ratis server (gRPC over Netty, with mutual TLS
 * when the config carries {@link RaftTransportSecurity}) running a
 * {@link ShoalStateMachine} over the given {@link MemoryStore}, plus clients for proposals (two
 * write paths: {@link #proposer()} for the manager's own loops, {@link #controlProposer()} for requests
 * made on behalf of users), linearizable reads and membership changes.
 *
 * <p>Start it with {@link #start}: a new {@code dataDir/raft} is formatted with the given peers; an
 * existing one is recovered (latest snapshot, then log replay), so a restarted daemon simply calls
 * {@code start} again with the same config. {@link #start} throws {@link IOException} when the
 * server cannot start (port in use, unreadable storage): that is fatal for the manager role.
 * Afterwards failures are reported per call as {@link StoreException} ({@code UNAVAILABLE} while
 * there is no leader or quorum) and are never fatal to the node.
 *
 * <p>Thread-safe. {@link #close} stops the server and client; proposals still waiting fail with
 * {@code UNAVAILABLE}.
 */
public final class RaftNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RaftNode.class);

    private final RaftNodeConfig config;
    private final RaftGroup group;
    private final RaftPeerId selfId;
    private final ShoalStateMachine stateMachine;
    private final RaftServer server;
    /** Linearizable reads and membership changes (retries bounded in attempts, as a join may take long). */
    private final RaftClient client;
    /** Proposals of the manager's own loops (retries bounded in time, renewed after Ratis closed its stream). */
    private final RenewableClient proposalClient;
    /** Proposals made on behalf of users (the control API): the same kind of client, but an ordered stream of their own. */
    private final RenewableClient controlClient;
    private final RaftProposer proposer;
    private final RaftProposer controlProposer;
    /** Readies this peer to lead after a failover: Ratis' leader classes loaded, connections to the others open. */
    private final ElectionHeadStart headStart;

    private RaftNode(RaftNodeConfig config, RaftGroup group, ShoalStateMachine stateMachine, RaftServer server,
                     RaftClient client, RenewableClient proposalClient, RenewableClient controlClient, ProposalCodec codec) {
        this.config = config;
        this.group = group;
        this.selfId = RaftPeerId.valueOf(config.self().id());
        this.stateMachine = stateMachine;
        this.server = server;
        this.client = client;
        this.proposalClient = proposalClient;
        this.controlClient = controlClient;
        this.proposer = new RaftProposer(proposalClient, codec, stateMachine, config.settings(), this::leaderDescription);
        this.controlProposer = new RaftProposer(controlClient, codec, stateMachine, config.settings(), this::leaderDescription);
        this.headStart = new ElectionHeadStart(server, group.getGroupId(), selfId).start();
    }

    /**
     * Starts this manager's Raft peer and returns once the server is running (not necessarily with a
     * leader elected: wait for {@link LeadershipListener} or retry proposals).
     *
     * @param store    this manager's replica; pass an empty store, it is filled from disk and the log
     * @param listener told when this manager gains or loses leadership
     */
    public static RaftNode start(RaftNodeConfig config, MemoryStore store, LeadershipListener listener) throws IOException {
        Objects.requireNonNull(config, "config");
        ProposalCodec codec = new ProposalCodec();
        RaftGroup group = RaftGroup.valueOf(groupId(config.clusterId()), toRaftPeers(config.peers()));
        RaftProperties properties = raftProperties(config);
        Parameters parameters = parameters(config);
        boolean existing = hasState(config.dataDir(), config.clusterId());
        // The proposal clients follow every leader this peer learns of (see RenewableClient.follow); they exist only
        // once the server has started, while leadership events may come before.
        AtomicReference<RenewableClient> proposals = new AtomicReference<>();
        AtomicReference<RenewableClient> controlProposals = new AtomicReference<>();
        ShoalStateMachine stateMachine = new ShoalStateMachine(store, codec, (isLeader, leaderId) -> {
            for (RenewableClient c : new RenewableClient[] {proposals.get(), controlProposals.get()}) {
                if (c != null) c.follow(leaderId);
            }
            listener.onLeadershipChange(isLeader, leaderId);
        });
        // A joining manager's server starts in no configuration: were it to start among the current members, it
        // would stand for election before the leader knew it, and the members would tell it to shut down.
        RaftGroup serverGroup = config.joining() && !existing ? RaftGroup.valueOf(group.getGroupId()) : group;
        RaftServer server = RaftServer.newBuilder()
                .setServerId(RaftPeerId.valueOf(config.self().id()))
                .setGroup(serverGroup)
                .setStateMachine(stateMachine)
                .setProperties(properties)
                .setParameters(parameters)
                .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        RaftClient client = null;
        RenewableClient proposalClient = null;
        RenewableClient controlClient = null;
        try {
            server.start();
            client = newClient(config, group, properties, parameters, retryPolicy(config.settings()), config.self().id());
            proposalClient = newProposalClient(config, group, properties, parameters, server);
            proposals.set(proposalClient);
            proposalClient.follow(stateMachine.leaderId());
            controlClient = newProposalClient(config, group, properties, parameters, server);
            controlProposals.set(controlClient);
            controlClient.follow(stateMachine.leaderId());
        } catch (IOException | RuntimeException e) {
            closeQuietly(controlClient);
            closeQuietly(proposalClient);
            closeQuietly(client);
            closeQuietly(server);
            throw e;
        }
        log.info("Raft peer {} started at {} in group {} ({}; storage {})", config.self().id(), config.self().address(),
                group.getGroupId(), existing ? "recovered" : "new", config.raftDir());
        return new RaftNode(config, group, stateMachine, server, client, proposalClient, controlClient, codec);
    }

    /** A proposal client that starts at this peer and follows every leader it is told of. */
    private static RenewableClient newProposalClient(RaftNodeConfig config, RaftGroup group, RaftProperties properties,
                                                     Parameters parameters, RaftServer server) {
        RetryPolicy retries = proposalRetryPolicy(config.settings());
        RaftSettings s = config.settings();
        return new RenewableClient(leader -> newClient(config, currentGroup(server, group), properties, parameters, retries,
                leader == null ? config.self().id() : leader), s.proposalTimeout().plus(s.requestTimeout()).plusSeconds(1));
    }

    /** {@code configured} with the members this server knows now (managers may have joined since it started). */
    private static RaftGroup currentGroup(RaftServer server, RaftGroup configured) {
        try {
            var peers = server.getDivision(configured.getGroupId()).getRaftConf().getCurrentPeers();
            return peers.isEmpty() ? configured : RaftGroup.valueOf(configured.getGroupId(), peers);
        } catch (IOException | RuntimeException e) {
            return configured;
        }
    }

    private static RaftClient newClient(RaftNodeConfig config, RaftGroup group, RaftProperties properties,
                                        Parameters parameters, RetryPolicy retryPolicy, String firstTarget) {
        return RaftClient.newBuilder()
                .setClientId(ClientId.randomId())
                .setRaftGroup(group)
                .setLeaderId(RaftPeerId.valueOf(firstTarget))
                .setProperties(properties)
                .setParameters(parameters)
                .setRetryPolicy(retryPolicy)
                .build();
    }

    /** Whether {@code dataDir} already holds Raft state for this cluster (then {@link #start} resumes it). */
    public static boolean hasState(Path dataDir, String clusterId) {
        return Files.isDirectory(dataDir.resolve("raft").resolve(groupId(clusterId).getUuid().toString()));
    }

    /** The Raft group id of a cluster: a name-based UUID of its cluster id, the same on every manager. */
    public static RaftGroupId groupId(String clusterId) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("shoal-cluster:" + clusterId).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The write path into the replicated store for the manager's own work (the leader's loops, its bookkeeping);
     * see {@link RaftProposer}.
     */
    public Proposer proposer() { return proposer; }

    /**
     * The write path for requests made on behalf of users (the control API): the same guarantees as
     * {@link #proposer()}, through a Ratis client of its own. Ratis orders a client's requests, so on one shared
     * client a user's write would wait behind every write the loops have in flight — after a failover, behind
     * the new leader's catch-up (orchestrators, scheduler, dispatcher, leader marking), and behind any of them
     * still being retried. No order is promised between the two write paths.
     */
    public Proposer controlProposer() { return controlProposer; }

    /** The store this node replicates into. */
    public MemoryStore store() { return stateMachine.store(); }

    /** This manager's Raft peer id (its node id). */
    public String id() { return config.self().id(); }

    /** This peer's current Raft term (0 if it cannot be read). */
    public long currentTerm() {
        try {
            return server.getDivision(group.getGroupId()).getInfo().getCurrentTerm();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether this manager is the leader and its store is current (the leader-only loops may run). */
    public boolean isLeader() { return stateMachine.isLeader(); }

    /** The current leader's peer id as this manager knows it, or {@code null} while none is known. */
    public String leaderId() {
        try {
            RaftPeerId id = server.getDivision(group.getGroupId()).getInfo().getLeaderId();
            return id != null ? id.toString() : stateMachine.leaderId();
        } catch (IOException e) {
            return stateMachine.leaderId();
        }
    }

    /** The current leader's Raft address, or {@code null} while none is known. */
    public String leaderAddress() {
        String id = leaderId();
        if (id == null) return null;
        try {
            RaftPeer peer = server.getDivision(group.getGroupId()).getRaftConf().getPeer(RaftPeerId.valueOf(id));
            return peer == null ? null : peer.getAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Completes once this manager's store has applied everything committed in the cluster when the
     * call was made, so a view taken afterwards is linearizable: asks the leader for a linearizable
     * read (Ratis read index; the leader answers with its applied index) and then waits until this
     * replica has applied that index. Costs one round trip to the leader. Fails with
     * {@code UNAVAILABLE} without a leader or quorum.
     */
    public CompletableFuture<Void> readIndex() {
        return client.async().sendReadOnly(Message.EMPTY)
                .thenCompose(reply -> {
                    if (!reply.isSuccess()) throw RaftErrors.toStoreException(reply.getException(), this::leaderDescription);
                    long index = reply.getMessage().getContent().asReadOnlyByteBuffer().getLong();
                    return stateMachine.whenApplied(index);
                })
                .orTimeout(config.settings().proposalTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((Long applied, Throwable err) -> {
                    if (err != null) throw RaftErrors.toStoreException(err, this::leaderDescription);
                    return null;
                });
    }

    /** The managers in the group's current configuration, as this peer knows it. */
    public List<ManagerPeer> managers() throws IOException {
        List<ManagerPeer> out = new ArrayList<>();
        for (RaftPeer p : server.getDivision(group.getGroupId()).getRaftConf().getCurrentPeers()) {
            out.add(new ManagerPeer(p.getId().toString(), p.getAddress()));
        }
        return out;
    }

    /**
     * Replaces the group's voting members with {@code managers} (promote: add one; demote: remove
     * one) and blocks until the new configuration is committed. A new member must already be
     * running its own {@link RaftNode} (started with a config whose peers include it). The caller
     * is responsible for refusing changes that would lose quorum or remove the last manager; this
     * method only refuses an empty membership. Throws {@link StoreException} ({@code UNAVAILABLE})
     * when the change cannot be committed.
     */
    public void changeManagers(List<ManagerPeer> managers) {
        if (managers.isEmpty()) throw new StoreException(StoreError.Code.INVALID, "the cluster must keep at least one manager");
        try {
            RaftClientReply reply = client.admin().setConfiguration(toRaftPeers(managers));
            if (!reply.isSuccess()) throw RaftErrors.toStoreException(reply.getException(), this::leaderDescription);
        } catch (IOException e) {
            throw RaftErrors.toStoreException(e, this::leaderDescription);
        }
    }

    /**
     * Adds {@code manager} to the group's voting members, whatever the others are (Ratis' ADD mode, so
     * two managers joining at once cannot undo each other), and blocks until the new configuration is
     * committed. The new member must already run its own {@link RaftNode}, started with a config whose
     * peers are the current members plus itself. Throws {@link StoreException} ({@code UNAVAILABLE})
     * when the change cannot be committed.
     */
    public void addManager(ManagerPeer manager) {
        setConfiguration(SetConfigurationRequest.Arguments.newBuilder()
                .setServersInNewConf(toRaftPeers(List.of(manager)))
                .setMode(SetConfigurationRequest.Mode.ADD).build());
    }

    /**
     * Removes the manager with id {@code managerId} from the voting members, provided the membership is
     * still {@code current} (compare-and-set, so a concurrent change is not silently undone). Refuses to
     * remove the last member. The caller checks quorum first. Throws {@link StoreException}.
     */
    public void removeManager(List<ManagerPeer> current, String managerId) {
        List<ManagerPeer> remaining = current.stream().filter(p -> !p.id().equals(managerId)).toList();
        if (remaining.isEmpty()) throw new StoreException(StoreError.Code.INVALID, "the cluster must keep at least one manager");
        if (remaining.size() == current.size()) return;
        setConfiguration(SetConfigurationRequest.Arguments.newBuilder()
                .setServersInCurrentConf(toRaftPeers(current))
                .setServersInNewConf(toRaftPeers(remaining))
                .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET).build());
    }

    private void setConfiguration(SetConfigurationRequest.Arguments arguments) {
        try {
            RaftClientReply reply = client.admin().setConfiguration(arguments);
            if (!reply.isSuccess()) throw RaftErrors.toStoreException(reply.getException(), this::leaderDescription);
        } catch (IOException e) {
            throw RaftErrors.toStoreException(e, this::leaderDescription);
        }
    }

    /**
     * On the leader: how long ago each other member last answered it, by peer id (empty on followers).
     * The daemon turns this into {@code node ls}'s Reachable/Unreachable.
     */
    public Map<String, Long> followerSilenceMillis() {
        Map<String, Long> out = new HashMap<>();
        try {
            var role = server.getDivision(group.getGroupId()).getInfo().getRoleInfoProto();
            if (!role.hasLeaderInfo()) return out;
            for (var f : role.getLeaderInfo().getFollowerInfoList()) {
                out.put(f.getId().getId().toStringUtf8(), f.getLastRpcElapsedTimeMs());
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Opens this peer's Raft connections to the other managers now (tests); see {@link ElectionHeadStart}. */
    void warmPeerConnections() { headStart.warmPeerConnections(); }

    private String leaderDescription() {
        String id = leaderId();
        if (id == null) return null;
        String address = leaderAddress();
        return address == null ? id : id + " (" + address + ")";
    }

    /** Stops the client and the server (taking no further proposals); safe to call twice. */
    @Override
    public void close() {
        headStart.close();
        closeQuietly(controlClient);
        closeQuietly(proposalClient);
        closeQuietly(client);
        closeQuietly(server);
    }

    // ---- configuration -------------------------------------------------------------------------

    private static RaftProperties raftProperties(RaftNodeConfig config) {
        RaftSettings s = config.settings();
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        GrpcConfigKeys.Server.setHost(p, config.self().host());
        GrpcConfigKeys.Server.setPort(p, config.self().port());
        RaftServerConfigKeys.setStorageDir(p, List.of(config.raftDir().toFile()));

        RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(s.electionTimeoutMin().toMillis()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(s.electionTimeoutMax().toMillis()));
        // The first election after start-up need not wait a full timeout: no leader can exist yet for a new
        // group, and a restarted one learns of a live leader from its first heartbeat. This makes `swarm init`
        // and a restarted single manager writable in well under a second.
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, millis(Math.max(50, s.electionTimeoutMin().toMillis() / 8)));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, millis(Math.max(100, s.electionTimeoutMax().toMillis() / 4)));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, millis(s.requestTimeout().toMillis()));
        // A leader that heard from no majority for an election timeout steps down, and Ratis then keeps it from standing
        // again for this long (default 10 s). After a failover that is the wrong way round: a new leader stalled on a
        // busy host (its first term's set-up, a GC pause) before its first append, stepped down, and the other survivor
        // — whose log now lacks the new term's first entry — could never win; the group had no leader for the whole
        // 10 s (seen once in a traced run). One longest election timeout still lets the others stand first.
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, millis(s.electionTimeoutMax().toMillis()));
        // The client's requests time out after the server RPC timeout too, and are retried within the proposal's
        // time budget (proposalRetryPolicy). Tried and undone: the proposal timeout (15 s) here, for large entries
        // under load that outlast one request — but then a request that gets no answer at all (a follower's first
        // proposal while the group settles, on a loaded host: ThreePeerRaftTest failed 2 runs of 3) hangs the
        // whole proposal. A retried request that was committed meanwhile is answered from Ratis' retry cache, not
        // applied twice, and a client whose ordered stream Ratis closed is replaced (RenewableClient).
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, millis(s.requestTimeout().toMillis()));

        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, s.snapshotEveryEntries());
        RaftServerConfigKeys.Snapshot.setCreationGap(p, Math.min(1024, s.snapshotEveryEntries()));
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, s.snapshotOnStop());
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, s.snapshotEveryEntries()));

        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(s.logSegmentSize()));
        // Applied entries stay cached in memory only for the last two segments (Ratis keeps up to 6 and
        // 200 MB by default): that cache held about 1 KB per task of the leader's heap at 100,000 tasks.
        // A follower further behind is served from disk.
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, 2);
        RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p, SizeInBytes.valueOf(2 * s.logSegmentSize()));
        int entry = s.maxEntrySize() + 1024; // room for the entry's Raft envelope
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(entry));
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(entry + 8L));
        RaftServerConfigKeys.Write.setByteLimit(p, SizeInBytes.valueOf(Math.max(64L << 20, 4L * entry)));
        // One gRPC message carries one append (several entries up to the buffer limit) or one snapshot chunk.
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(2L * entry + (1L << 20)));

        // The client's first async request would otherwise be preceded by a dummy watch request that must reach
        // the leader first: one more round trip, after a leader change, before the first proposal is sent.
        RaftClientConfigKeys.Async.Experimental.setSendDummyRequest(p, false);

        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);
        return p;
    }

    /** gRPC TLS for the server, its admin endpoint and this peer's client, all from one key and trust manager. */
    private static Parameters parameters(RaftNodeConfig config) {
        Parameters parameters = new Parameters();
        RaftTransportSecurity tls = config.security();
        if (tls != null) {
            GrpcTlsConfig grpcTls = new GrpcTlsConfig(tls.keyManager(), tls.trustManager(), true);
            GrpcConfigKeys.TLS.setConf(parameters, grpcTls);
            GrpcConfigKeys.Server.setTlsConf(parameters, grpcTls);
            GrpcConfigKeys.Admin.setTlsConf(parameters, grpcTls);
            GrpcConfigKeys.Client.setTlsConf(parameters, grpcTls);
        }
        return parameters;
    }

    /**
     * Proposals: retried every 100 ms (leader changes, elections) until {@link RaftSettings#proposalTimeout()}
     * after the proposal was made, then given up. Bounded in time rather than in attempts: with a partition,
     * one attempt can take a whole request timeout, and an attempt budget would keep a refused write alive for
     * minutes, to be committed when the partition heals.
     *
     * <p>A request refused with {@code LeaderNotReadyException} is retried after {@value #LEADER_NOT_READY_RETRY_MS} ms
     * instead: it reached the leader, which will take it as soon as it has committed its term's first entry (one
     * round trip to a follower), so the 100 ms meant for finding a leader would only add to the failover. (A
     * {@code NotLeaderException} naming the leader is retried at once by Ratis itself.)
     */
    private static RetryPolicy proposalRetryPolicy(RaftSettings s) {
        RetryPolicy each = ExceptionDependentRetry.newBuilder()
                .setDefaultPolicy(RetryPolicies.retryForeverWithSleep(millis(100)))
                .setExceptionToPolicy(LeaderNotReadyException.class, RetryPolicies.retryForeverWithSleep(millis(LEADER_NOT_READY_RETRY_MS)))
                .build();
        RequestTypeDependentRetryPolicy.Builder b = RequestTypeDependentRetryPolicy.newBuilder();
        for (RaftClientRequestProto.TypeCase type : RaftClientRequestProto.TypeCase.values()) {
            b.setRetryPolicy(type, each);
            b.setTimeout(type, millis(s.proposalTimeout().toMillis()));
        }
        return b.build();
    }

    /** Reads and membership changes: keeps retrying (leader changes, elections) for about the proposal timeout's worth of attempts. */
    private static RetryPolicy retryPolicy(RaftSettings s) {
        long sleepMs = 100;
        int attempts = (int) Math.max(1, s.proposalTimeout().toMillis() / sleepMs);
        return RetryPolicies.retryUpToMaximumCountWithFixedSleep(attempts, millis(sleepMs));
    }

    /** How long a proposal refused by a leader that is not ready yet waits before it is sent again. */
    private static final long LEADER_NOT_READY_RETRY_MS = 20;


    private static TimeDuration millis(long ms) { return TimeDuration.valueOf(ms, TimeUnit.MILLISECONDS); }

    private static List<RaftPeer> toRaftPeers(List<ManagerPeer> peers) {
        List<RaftPeer> out = new ArrayList<>(peers.size());
        for (ManagerPeer m : peers) out.add(RaftPeer.newBuilder().setId(m.id()).setAddress(m.address()).build());
        return out;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception e) {
            log.warn("error while closing {}", c, e);
        }
    }
}
