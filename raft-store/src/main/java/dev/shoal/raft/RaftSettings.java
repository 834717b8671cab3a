package dev.shoal.raft;

import java.time.Duration;
import java.util.Objects;

/**
 * The tunables of a manager's Raft peer, with defaults chosen for fast failover on a LAN.
 *
 * @param electionTimeoutMin   lower bound of the randomized election timeout (followers start an
 *                             election after this long without a heartbeat)
 * @param electionTimeoutMax   upper bound of the randomized election timeout
 * @param requestTimeout       how long one client or server RPC may take before it is retried
 * @param proposalTimeout      how long {@link RaftProposer} keeps trying to commit one proposal
 *                             (including leader changes) before failing it with {@code UNAVAILABLE}
 * @param snapshotEveryEntries take a snapshot automatically after this many new log entries; the
 *                             log is then purged up to the snapshot
 * @param logSegmentSize       maximum size in bytes of one Raft log segment file
 * @param maxEntrySize         maximum size in bytes of one encoded proposal (one log entry); a
 *                             bigger batch is refused with {@code INVALID} and must be split
 * @param snapshotOnStop       take a snapshot when the node stops cleanly, so the next start
 *                             replays little or no log
 *
 * <p>Immutable. Use {@link #defaults()} and the {@code with...} methods to change one value.
 */
public record RaftSettings(
        Duration electionTimeoutMin,
        Duration electionTimeoutMax,
        Duration requestTimeout,
        Duration proposalTimeout,
        long snapshotEveryEntries,
        long logSegmentSize,
        int maxEntrySize,
        boolean snapshotOnStop) {

    public RaftSettings {
        Objects.requireNonNull(electionTimeoutMin, "electionTimeoutMin");
        Objects.requireNonNull(electionTimeoutMax, "electionTimeoutMax");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(proposalTimeout, "proposalTimeout");
        if (electionTimeoutMin.isNegative() || electionTimeoutMin.isZero()) {
            throw new IllegalArgumentException("electionTimeoutMin must be positive");
        }
        if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
            throw new IllegalArgumentException("electionTimeoutMax must be greater than electionTimeoutMin");
        }
        if (snapshotEveryEntries < 1) throw new IllegalArgumentException("snapshotEveryEntries must be at least 1");
        if (logSegmentSize < 1024 * 1024) throw new IllegalArgumentException("logSegmentSize must be at least 1 MiB");
        if (maxEntrySize < 1024 * 1024) throw new IllegalArgumentException("maxEntrySize must be at least 1 MiB");
    }

    /**
     * Election timeout 0.75-1.0 s, RPC timeout 3 s, proposals given up after 15 s (below
     * {@code Store.COMMIT_TIMEOUT}), a snapshot every 10,000 entries, 32 MiB log segments, entries up to
     * 16 MiB (about ten thousand tasks in one batch), a snapshot on clean stop.
     *
     * <p>The election timeout. The lower bound is what keeps the cluster from flapping: a follower stands for
     * election only after at least 0.75 s without a heartbeat (the leader sends one every 0.375 s, so two in a
     * row must be lost, or the leader must stall for that long), and a follower that itself stalled does not
     * (Ratis skips the check after an oversleep). The upper bound only spreads the followers apart, and Ratis
     * pays it twice: its follower sleeps a random timeout and checks for silence only at the end of each sleep,
     * so a dead leader is noticed after the rest of the current sleep plus one more, up to 2 x the upper bound
     * (3 s with the earlier 0.75-1.5 s, which with the election and the first commit made the 3 s failover
     * target a coin toss). At 0.75-1.0 s a dead leader is noticed within 0.75-2 s (about 1.3 s on average),
     * as soon as before at the earliest. For comparison: etcd 1-2 s (1 s heartbeat timeout, randomised up to
     * twice), Docker Swarm 10-20 s (10 ticks of 1 s, randomised the same way).
     */
    public static RaftSettings defaults() {
        return new RaftSettings(Duration.ofMillis(750), Duration.ofMillis(1000), Duration.ofSeconds(3),
                Duration.ofSeconds(15), 10_000, 32L * 1024 * 1024, 16 * 1024 * 1024, true);
    }

    public RaftSettings withElectionTimeout(Duration min, Duration max) {
        return new RaftSettings(min, max, requestTimeout, proposalTimeout, snapshotEveryEntries, logSegmentSize, maxEntrySize, snapshotOnStop);
    }

    public RaftSettings withProposalTimeout(Duration timeout) {
        return new RaftSettings(electionTimeoutMin, electionTimeoutMax, requestTimeout, timeout, snapshotEveryEntries, logSegmentSize, maxEntrySize, snapshotOnStop);
    }

    public RaftSettings withSnapshotEveryEntries(long entries) {
        return new RaftSettings(electionTimeoutMin, electionTimeoutMax, requestTimeout, proposalTimeout, entries, logSegmentSize, maxEntrySize, snapshotOnStop);
    }

    public RaftSettings withSnapshotOnStop(boolean onStop) {
        return new RaftSettings(electionTimeoutMin, electionTimeoutMax, requestTimeout, proposalTimeout, snapshotEveryEntries,
                logSegmentSize, maxEntrySize, onStop);
    }
}
