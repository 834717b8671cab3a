package dev.shoal.sim;

import dev.shoal.manager.LeaderLoops;
import dev.shoal.manager.dispatcher.DispatcherServer;
import dev.shoal.raft.ManagerPeer;
import dev.shoal.raft.RaftNode;
import dev.shoal.raft.RaftNodeConfig;
import dev.shoal.raft.RaftSettings;
import dev.shoal.store.MemoryStore;
import dev.shoal.store.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * One simulated manager, wired as {@code shoald}'s manager role wires it: a Ratis peer writing its log
 * under {@code dataDir/raft}, the store replica, a dispatcher endpoint on loopback, and — while this
 * peer leads — the real {@link LeaderLoops} (orchestrator, scheduler, reaper, dispatcher). Thread-safe.
 */
final class SimManager implements AutoCloseable {
    private final ManagerPeer self;
    private final Path dataDir;
    private final Clock clock;
    private final Duration heartbeatPeriod;
    private final Duration heartbeatGrace;
    private final Duration electionTimeout;
    private final ExecutorService leadership;
    private MemoryStore memory = new MemoryStore();
    private RaftNode raft;
    private Store store;
    private DispatcherServer dispatcherServer;
    private volatile LeaderLoops loops;

    SimManager(ManagerPeer self, Path dataDir, Clock clock, Duration heartbeatPeriod, Duration heartbeatGrace) {
        this(self, dataDir, clock, heartbeatPeriod, heartbeatGrace, null);
    }

    /** As above, with Raft's election timeout at least {@code electionTimeout} (null: the product's default). */
    SimManager(ManagerPeer self, Path dataDir, Clock clock, Duration heartbeatPeriod, Duration heartbeatGrace, Duration electionTimeout) {
        this.electionTimeout = electionTimeout;
        this.self = self;
        this.dataDir = dataDir;
        this.clock = clock;
        this.heartbeatPeriod = heartbeatPeriod;
        this.heartbeatGrace = heartbeatGrace;
        this.leadership = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sim-leadership-" + self.id());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the Raft peer in a group of {@code peers} and the dispatcher endpoint on a free loopback port.
     * {@code leaderDispatcher} maps the leader's peer id to its dispatcher address (for redirects).
     * Holds this manager's monitor, so a leadership callback waits until the store exists.
     */
    synchronized SimManager start(String clusterId, List<ManagerPeer> peers, Function<String, String> leaderDispatcher) throws IOException {
        return start(clusterId, peers, leaderDispatcher, 0);
    }

    /** As {@link #start(String, List, Function)}, with the dispatcher on {@code dispatcherPort} (0: any free port). */
    synchronized SimManager start(String clusterId, List<ManagerPeer> peers, Function<String, String> leaderDispatcher,
                                  int dispatcherPort) throws IOException {
        RaftNodeConfig rc = new RaftNodeConfig(clusterId, self, peers, dataDir, raftSettings(electionTimeout));
        raft = RaftNode.start(rc, memory, (leader, leaderId) -> leadership.execute(() -> onLeadership(leader)));
        store = new Store(memory, raft.proposer());
        dispatcherServer = new DispatcherServer(new InetSocketAddress("127.0.0.1", dispatcherPort),
                () -> { LeaderLoops l = loops; return l == null ? null : l.dispatcher(); },
                () -> { String id = raft.leaderId(); return id == null ? null : leaderDispatcher.apply(id); }).start();
        return this;
    }

    /** The product's Raft settings, or with the election timeout {@code min} to 4/3 of it (the defaults' ratio). */
    static RaftSettings raftSettings(Duration min) {
        RaftSettings d = RaftSettings.defaults();
        return min == null ? d : d.withElectionTimeout(min, min.multipliedBy(4).dividedBy(3));
    }

    private synchronized void onLeadership(boolean leader) {
        if (store == null) return; // closed, or failed to start
        if (leader && loops == null) {
            long term = raft.currentTerm();
            LeaderLoops l = new LeaderLoops(term > 0 ? store.fencedTo(term) : store, clock, heartbeatPeriod, heartbeatGrace);
            l.start();
            loops = l;
        } else if (!leader && loops != null) {
            loops.close();
            loops = null;
        }
    }

    String id() { return self.id(); }

    /** Whether this peer leads and runs the leader loops. */
    boolean leads() { return loops != null && raft.isLeader(); }

    Store store() { return store; }

    MemoryStore memory() { return memory; }

    /** host:port agents connect to. */
    String dispatcherAddress() {
        InetSocketAddress a = dispatcherServer.boundAddress();
        return a.getHostString() + ":" + a.getPort();
    }

    /** The directory holding this peer's Raft log and snapshots. */
    Path raftDir() { return dataDir.resolve("raft"); }

    @Override
    public synchronized void close() {
        if (loops != null) {
            loops.close();
            loops = null;
        }
        if (dispatcherServer != null) dispatcherServer.close();
        if (raft != null) raft.close();
        leadership.shutdownNow();
        // Let the replica be collected once its peer is gone (the heap figure measures the leader alone).
        memory = null;
        store = null;
    }
}
