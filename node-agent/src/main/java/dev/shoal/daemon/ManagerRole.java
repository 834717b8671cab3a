package dev.shoal.daemon;

import dev.shoal.manager.LeaderLoops;
import dev.shoal.manager.controlapi.ControlApi;
import dev.shoal.manager.controlapi.RaftView;
import dev.shoal.manager.dispatcher.DispatcherServer;
import dev.shoal.model.Cluster;
import dev.shoal.model.ClusterSpec;
import dev.shoal.model.Ids;
import dev.shoal.model.JoinTokens;
import dev.shoal.model.ManagerStatus;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeRole;
import dev.shoal.model.NodeSpec;
import dev.shoal.model.NodeState;
import dev.shoal.model.NodeStatus;
import dev.shoal.model.Reachability;
import dev.shoal.model.Version;
import dev.shoal.raft.ManagerPeer;
import dev.shoal.raft.RaftNode;
import dev.shoal.raft.RaftNodeConfig;
import dev.shoal.raft.RaftSettings;
import dev.shoal.security.ClusterCa;
import dev.shoal.security.NodeCredentials;
import dev.shoal.security.TlsContexts;
import dev.shoal.store.MemoryStore;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreError;
import dev.shoal.store.StoreException;
import dev.shoal.store.StoreSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager half of {@code shoald}: this node's Raft peer and store replica, the control API's logic,
 * the dispatcher endpoint, and — while this peer leads — the leader-only loops. Thread-safe.
 */
final class ManagerRole implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ManagerRole.class);

    private final NodeIdentity identity;
    private final NodeCredentials credentials;
    private final DaemonConfig config;
    private final Clock clock;
    private final MemoryStore memory = new MemoryStore();
    private final ExecutorService leadership = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "manager-leadership");
        t.setDaemon(true);
        return t;
    });
    private RaftNode raft;
    private Store store;
    private ControlApi controlApi;
    private DispatcherServer dispatcherServer;
    private volatile LeaderLoops loops;
    /** True while a forced new cluster is being written from the old state: the loops must not see it half-written. */
    private volatile boolean holdLoops;
    /** Set by {@link #close}; guarded by this. */
    private boolean closed;
    private final CountDownLatch elected = new CountDownLatch(1);
    private final ScheduledExecutorService reachability = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "manager-reachability");
        t.setDaemon(true);
        return t;
    });

    private ManagerRole(NodeIdentity identity, DaemonConfig config, Clock clock, NodeCredentials credentials) {
        this.credentials = credentials;
        this.identity = identity;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts the manager: the Raft peer (a new one-peer group when {@code create}, else resumed from the
     * data dir) and the dispatcher endpoint on {@code listen}. Throws IOException naming what failed.
     */
    static ManagerRole start(NodeIdentity identity, DaemonConfig config, Clock clock, InetSocketAddress listen,
                             NodeCredentials credentials) throws IOException {
        return start(identity, config, clock, listen, credentials, null);
    }

    /**
     * As {@link #start(NodeIdentity, DaemonConfig, Clock, InetSocketAddress, NodeCredentials)}, for a manager
     * joining an existing group: {@code peers} are the group's members as the admitting manager reported
     * them (this manager is added to them); null for a new or resumed group.
     */
    static ManagerRole start(NodeIdentity identity, DaemonConfig config, Clock clock, InetSocketAddress listen,
                             NodeCredentials credentials, List<ManagerPeer> peers) throws IOException {
        ManagerRole m = new ManagerRole(identity, config, clock, credentials);
        try {
            m.startParts(listen, peers);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /** Synchronized with {@link #onLeadership}: Ratis may report leadership before the store handle exists. */
    private synchronized void startParts(InetSocketAddress listen, List<ManagerPeer> joining) throws IOException {
        ManagerPeer self = new ManagerPeer(identity.nodeId(), identity.raftAddress());
        List<ManagerPeer> peers = new ArrayList<>();
        if (joining != null) for (ManagerPeer p : joining) if (!p.id().equals(self.id())) peers.add(p);
        peers.add(self);
        RaftNodeConfig rc = new RaftNodeConfig(identity.clusterId(), self, peers, config.dataDir(), RaftSettings.defaults())
                .withSecurity(TlsContexts.raft(credentials));
        if (joining != null) rc = rc.asJoining();
        raft = RaftNode.start(rc, memory, (leader, leaderId) -> leadership.execute(() -> onLeadership(leader)));
        store = new Store(memory, raft.proposer());
        RaftNode peer = raft;
        // Users' writes go through a Raft client of their own: on the loops' client they would queue behind the
        // new leader's catch-up writes after a failover (see RaftNode.controlProposer).
        controlApi = new ControlApi(new Store(memory, raft.controlProposer()), clock, new RaftView() {
            @Override
            public String selfId() { return identity.nodeId(); }

            @Override
            public String leaderId() { return peer.leaderId(); }
        });
        ClusterCa ca = NodeCredentials.loadCa(config.dataDir());
        JoinAdmission admission = ca == null ? null : new JoinAdmission(memory, store, ca, this::raftPeers, clock);
        dispatcherServer = new DispatcherServer(listen, () -> loops == null ? null : loops.dispatcher(),
                this::leaderDispatcherAddress, TlsContexts.server(credentials), admission).start();
        if (joining != null) {
            // The group grows by this manager only once its own Raft server is up to receive the log.
            raft.addManager(self);
            log.info("manager {} joined the Raft group of cluster {}", identity.nodeId(), identity.clusterId());
        }
        reachability.scheduleWithFixedDelay(this::recordReachability, 1, 1, TimeUnit.SECONDS);
    }

    /** The Raft group's members as this manager knows them (empty if Raft cannot say). */
    List<ManagerPeer> raftPeers() {
        try {
            return raft.managers();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * On the leader, once a second: records which managers answer it (Reachable) and which have been
     * silent for longer than an election timeout (Unreachable), for {@code node ls}. Writes only changes.
     */
    private void recordReachability() {
        try {
            if (loops == null || !raft.isLeader()) return;
            Map<String, Long> silence = raft.followerSilenceMillis();
            // Twice the shortest election timeout (1.5 s): followers answer every heartbeat (0.375 s), so this is
            // four missed answers in a row, not one slow one on a busy host.
            long limit = 2 * RaftSettings.defaults().electionTimeoutMin().toMillis();
            List<StoreAction> changes = new ArrayList<>();
            memory.view(tx -> {
                for (Node n : tx.nodes()) {
                    ManagerStatus ms = n.managerStatus();
                    if (ms == null || n.id().equals(identity.nodeId())) continue;
                    Long quiet = silence.get(n.id());
                    Reachability r = quiet == null ? Reachability.UNKNOWN : quiet <= limit ? Reachability.REACHABLE : Reachability.UNREACHABLE;
                    if (r != ms.reachability() || ms.leader()) {
                        changes.add(new StoreAction.Update(n.withManagerStatus(new ManagerStatus(false, r, ms.addr()))));
                    }
                }
                return null;
            });
            if (!changes.isEmpty()) store.commitEach(Proposal.each(changes));
        } catch (RuntimeException e) {
            log.debug("could not record manager reachability: {}", e.toString());
        }
    }

    private String leaderDispatcherAddress() {
        String leader = raft.leaderId();
        if (leader == null) return null;
        Node n = memory.view(tx -> tx.node(leader));
        if (n == null || n.managerStatus() == null || n.managerStatus().addr() == null) return null;
        return n.managerStatus().addr();
    }

    private synchronized void onLeadership(boolean leader) {
        // A leadership event queued before close() may run after it (it waited for this monitor): it must not start
        // loops on a closed Raft node, which nothing would ever stop (seen in InProcessClusterTest: a closed manager's
        // dispatcher kept proposing heartbeat checks through closed clients).
        if (closed) return;
        if (leader && holdLoops) {
            elected.countDown();
            return;
        }
        if (leader && loops == null) {
            log.info("this manager ({}) leads: starting the orchestrators, scheduler and dispatcher", identity.nodeId());
            // Everything the loops write is fenced to this term: if this manager is deposed while a proposal
            // is in flight, the next leader commits it in a later term and every replica drops it.
            long term = raft.currentTerm();
            loops = new LeaderLoops(term > 0 ? store.fencedTo(term) : store, clock, config.heartbeatPeriod(), config.heartbeatGrace());
            loops.start();
            elected.countDown();
            markLeader();
        } else if (!leader && loops != null) {
            log.info("this manager ({}) no longer leads: stopping the leader-only loops", identity.nodeId());
            loops.close();
            loops = null;
        }
    }

    /** Records in the store which manager leads, for {@code node ls}; best effort. */
    private void markLeader() {
        try {
            List<StoreAction> changes = new ArrayList<>();
            memory.view(tx -> {
                for (Node n : tx.nodes()) {
                    if (n.managerStatus() == null) continue;
                    boolean me = n.id().equals(identity.nodeId());
                    if (n.managerStatus().leader() != me) {
                        changes.add(new StoreAction.Update(n.withManagerStatus(
                                new ManagerStatus(me, Reachability.REACHABLE, n.managerStatus().addr()))));
                    }
                }
                return null;
            });
            if (!changes.isEmpty()) store.commitEach(Proposal.each(changes));
        } catch (StoreException e) {
            log.warn("could not record this manager as leader: {}", e.getMessage());
        }
    }

    /**
     * Writes the new cluster's first objects — the cluster and this node as its leader — once this
     * peer has been elected. Used once, by {@code swarm init}.
     */
    void bootstrap(String hostname, JoinTokens tokens, Duration timeout) throws InterruptedException {
        if (!elected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new StoreException(StoreError.Code.UNAVAILABLE, "this manager was not elected leader of its new cluster within "
                    + timeout.toSeconds() + " s; see the daemon's log");
        }
        Instant now = clock.instant();
                Cluster cluster = new Cluster(identity.clusterId(), Version.NONE, now, now, new ClusterSpec("default", null, null),
                        tokens);
                Node node = new Node(identity.nodeId(), Version.NONE, now, now,
                        new NodeSpec(hostname, null, NodeRole.MANAGER, NodeAvailability.ACTIVE), null,
                        new NodeStatus(NodeState.UNKNOWN, null, identity.advertiseAddr()),
                        new ManagerStatus(true, Reachability.REACHABLE, identity.dispatcherAddress()));
                store.commit(Proposal.atomic(new StoreAction.Create(cluster), new StoreAction.Create(node)));
    }

    /**
     * Starts a manager for {@code swarm init --force-new-cluster}: a new one-manager Raft group (the old
     * Raft directory must have been removed) whose leader-only loops wait until {@link #bootstrapFrom}
     * has written the old state.
     */
    static ManagerRole startForNewCluster(NodeIdentity identity, DaemonConfig config, Clock clock, InetSocketAddress listen,
                                          NodeCredentials credentials) throws IOException {
        ManagerRole m = new ManagerRole(identity, config, clock, credentials);
        m.holdLoops = true;
        try {
            m.startParts(listen, null);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /** This manager's replica as it stands (what {@code --force-new-cluster} keeps). */
    StoreSnapshot state() { return memory.snapshot(); }

    /**
     * Writes {@code state} into this new one-manager cluster once elected, then starts the loops: every
     * object is kept, this node is the only manager and leads, and the other managers become Down
     * workers (they are no longer in the Raft group; remove them with {@code node rm}, or make them
     * leave and join again). Written in batches before any loop runs, so no orchestrator acts on a
     * half-restored store.
     */
    void bootstrapFrom(StoreSnapshot state, Duration timeout) throws InterruptedException {
        if (!elected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new StoreException(StoreError.Code.UNAVAILABLE, "this manager was not elected leader of the new cluster within "
                    + timeout.toSeconds() + " s; see the daemon's log");
        }
        Instant now = clock.instant();
        List<StoreAction> actions = new ArrayList<>();
        if (state.cluster() != null) actions.add(new StoreAction.Create(state.cluster()));
        for (Node n : state.nodes()) {
            if (n.id().equals(identity.nodeId())) {
                n = n.withSpec(n.spec().withRole(NodeRole.MANAGER))
                        .withManagerStatus(new ManagerStatus(true, Reachability.REACHABLE, identity.dispatcherAddress()));
            } else if (n.managerStatus() != null || n.spec().role() == NodeRole.MANAGER) {
                n = n.withSpec(n.spec().withRole(NodeRole.WORKER)).withManagerStatus(null)
                        .withStatus(new NodeStatus(NodeState.DOWN, "removed from the managers by --force-new-cluster",
                                n.status() == null ? null : n.status().addr()));
            }
            actions.add(new StoreAction.Create(n));
        }
        for (var x : state.networks()) actions.add(new StoreAction.Create(x));
        for (var x : state.secrets()) actions.add(new StoreAction.Create(x));
        for (var x : state.configs()) actions.add(new StoreAction.Create(x));
        for (var s : state.services()) actions.add(new StoreAction.Create(s));
        for (var t : state.tasks()) actions.add(new StoreAction.Create(t));
        for (int i = 0; i < actions.size(); i += 1000) {
            store.commit(Proposal.atomic(actions.subList(i, Math.min(actions.size(), i + 1000))));
        }
        log.info("new cluster written from the old state at {}: {} nodes, {} services, {} tasks", now,
                state.nodes().size(), state.services().size(), state.tasks().size());
        holdLoops = false;
        leadership.execute(() -> onLeadership(raft.isLeader()));
    }

    /**
     * Leaves the Raft group (demote, or {@code swarm leave --force} with other managers left): first
     * records that this node no longer manages, while it can still propose, then removes it from the
     * group's configuration. Throws StoreException when either step cannot be committed.
     */
    void leaveGroup() {
        for (int attempt = 0; ; attempt++) {
            Node n = memory.view(tx -> tx.node(identity.nodeId()));
            if (n == null || n.managerStatus() == null) break;
            try {
                store.commit(Proposal.atomic(new StoreAction.Update(n.withManagerStatus(null))));
                break;
            } catch (StoreException e) {
                if (e.code() != StoreError.Code.CONFLICT || attempt > 5) throw e;
            }
        }
        List<ManagerPeer> current = raftPeers();
        if (current.size() > 1) raft.removeManager(current, identity.nodeId());
        log.info("manager {} left the Raft group", identity.nodeId());
    }

    ControlApi controlApi() { return controlApi; }

    Store store() { return store; }

    boolean isLeader() { return raft != null && raft.isLeader(); }

    @Override
    public synchronized void close() {
        closed = true;
        if (loops != null) {
            loops.close();
            loops = null;
        }
        reachability.shutdownNow();
        if (dispatcherServer != null) dispatcherServer.close();
        if (raft != null) raft.close();
        leadership.shutdownNow();
    }
}
