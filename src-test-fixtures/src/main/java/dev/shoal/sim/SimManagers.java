package dev.shoal.sim;

import dev.shoal.model.Cluster;
import dev.shoal.model.ClusterSpec;
import dev.shoal.model.Ids;
import dev.shoal.model.JoinTokens;
import dev.shoal.model.Version;
import dev.shoal.raft.ManagerPeer;
import dev.shoal.store.Proposal;
import dev.shoal.store.StoreAction;
import dev.shoal.testing.FreePorts;
import dev.shoal.testing.Wait;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated control plane: one or three {@link SimManager}s forming one Raft group on loopback,
 * each with its own data dir under the simulation's. Thread-safe.
 */
final class SimManagers implements AutoCloseable {
    private final Map<String, SimManager> managers = new LinkedHashMap<>();
    private final Map<String, String> dispatchers = new LinkedHashMap<>();

    private SimManagers() {}

    /** Starts {@code count} peers, waits for a leader and writes the cluster object through it. */
    static SimManagers start(int count, Path dataDir, Clock clock, Duration heartbeatPeriod, Duration heartbeatGrace)
            throws IOException {
        return start(count, dataDir, clock, heartbeatPeriod, heartbeatGrace, null);
    }

    /** As above, with Raft's election timeout from {@code electionTimeout} (null: the product's default). */
    static SimManagers start(int count, Path dataDir, Clock clock, Duration heartbeatPeriod, Duration heartbeatGrace,
                             Duration electionTimeout) throws IOException {
        SimManagers m = new SimManagers();
        try {
            FreePorts ports = new FreePorts();
            List<ManagerPeer> peers = new ArrayList<>();
            for (int i = 1; i <= count; i++) peers.add(new ManagerPeer("manager" + i, "127.0.0.1:" + ports.next()));
            String clusterId = new Ids().next();
            for (ManagerPeer p : peers) {
                SimManager s = new SimManager(p, dataDir.resolve(p.id()), clock, heartbeatPeriod, heartbeatGrace, electionTimeout)
                        .start(clusterId, peers, m::dispatcherOf);
                synchronized (m) {
                    m.managers.put(p.id(), s);
                    m.dispatchers.put(p.id(), s.dispatcherAddress());
                }
            }
            Instant now = clock.instant();
            Ids ids = new Ids();
            m.leader().store().commit(Proposal.atomic(new StoreAction.Create(new Cluster(clusterId, Version.NONE, now, now,
                    new ClusterSpec("default", null, null), new JoinTokens(ids.next(), ids.next())))));
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    private synchronized String dispatcherOf(String peerId) { return dispatchers.get(peerId); }

    /** The manager leading now; waits for an election if there is none. */
    SimManager leader() {
        return Wait.forValue("a manager to lead", Duration.ofSeconds(30), () -> {
            for (SimManager s : all()) if (s.leads()) return s;
            return null;
        });
    }

    /** Every manager, in start order. */
    synchronized List<SimManager> all() { return new ArrayList<>(managers.values()); }

    /** The dispatcher address agents are first pointed at (the first manager's: followers redirect). */
    synchronized String firstDispatcher() { return dispatchers.values().iterator().next(); }

    /** Stops every manager but {@code keep}, so a heap figure counts one manager's replica only. */
    synchronized void closeAllBut(SimManager keep) {
        for (SimManager s : new ArrayList<>(managers.values())) {
            if (s != keep) {
                s.close();
                managers.remove(s.id());
            }
        }
    }

    @Override
    public synchronized void close() {
        for (SimManager s : managers.values()) s.close();
        managers.clear();
    }
}
