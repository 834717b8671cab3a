package dev.shoal.raft;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where and how a manager runs its Raft peer.
 *
 * @param clusterId the cluster's id; the Raft group id is derived from it, so every manager of the
 *                  cluster computes the same group
 * @param self      this manager: its node id (the Raft peer id) and Raft address
 * @param peers     the group's initial members, including {@code self}; {@code List.of(self)} for
 *                  {@code swarm init}. Used only when the Raft directory is created; on restart the
 *                  membership recorded in the log and snapshots wins
 * @param dataDir   the daemon's data directory; Raft keeps its log and snapshots in
 *                  {@code dataDir/raft}
 * @param settings  timeouts, snapshot and log tunables
 * @param joining   whether this manager joins an existing group (see {@link #asJoining()})
 * @param security  mutual TLS between the peers, or null for plain TCP (in-process tests and the
 *                  simulator only; {@code shoald} always sets it)
 *
 * <p>Immutable.
 */
public record RaftNodeConfig(String clusterId, ManagerPeer self, List<ManagerPeer> peers, Path dataDir, RaftSettings settings,
                             RaftTransportSecurity security, boolean joining) {
    /** A configuration for a new or resumed group member (not joining an existing group). */
    public RaftNodeConfig(String clusterId, ManagerPeer self, List<ManagerPeer> peers, Path dataDir, RaftSettings settings,
                          RaftTransportSecurity security) {
        this(clusterId, self, peers, dataDir, settings, security, false);
    }

    /** A configuration without transport security (tests and the simulator). */
    public RaftNodeConfig(String clusterId, ManagerPeer self, List<ManagerPeer> peers, Path dataDir, RaftSettings settings) {
        this(clusterId, self, peers, dataDir, settings, null, false);
    }

    public RaftNodeConfig {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(settings, "settings");
        peers = List.copyOf(peers);
        if (clusterId.isBlank()) throw new IllegalArgumentException("clusterId must not be blank");
        if (peers.stream().noneMatch(p -> p.id().equals(self.id()))) {
            throw new IllegalArgumentException("the peers must include this manager (" + self.id() + ")");
        }
    }

    /** A one-manager group, as {@code swarm init} creates, with default settings. */
    public static RaftNodeConfig singlePeer(String clusterId, ManagerPeer self, Path dataDir) {
        return new RaftNodeConfig(clusterId, self, List.of(self), dataDir, RaftSettings.defaults());
    }

    public RaftNodeConfig withSettings(RaftSettings s) { return new RaftNodeConfig(clusterId, self, peers, dataDir, s, security, joining); }

    /** This configuration with mutual TLS between the peers. */
    public RaftNodeConfig withSecurity(RaftTransportSecurity tls) { return new RaftNodeConfig(clusterId, self, peers, dataDir, settings, tls, joining); }

    /**
     * This configuration for a manager joining an existing group: its server starts outside any
     * configuration (it neither votes nor stands for election) and waits for the leader to add it;
     * {@link #peers()} are then only where its client looks for the leader.
     */
    public RaftNodeConfig asJoining() { return new RaftNodeConfig(clusterId, self, peers, dataDir, settings, security, true); }

    /** The directory holding the Raft log and snapshots: {@code dataDir/raft}. */
    public Path raftDir() { return dataDir.resolve("raft"); }
}
