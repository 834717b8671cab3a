package dev.shoal.raft;

/**
 * Told when this manager gains or loses Raft leadership, so the daemon can start or stop the
 * leader-only loops (orchestrators, scheduler, dispatcher).
 *
 * <p>{@code isLeader == true} is reported only once this manager's store has applied every entry
 * committed before its term (Ratis "leader ready"), so a loop started from the callback sees a
 * complete store. {@code isLeader == false} is reported as soon as Ratis knows this manager is no
 * longer leader (stepped down, another leader elected, shut down); {@code leaderPeerId} is then the
 * new leader's peer id, or {@code null} when none is known yet.
 *
 * <p>Calls arrive in order on one dedicated thread per {@link RaftNode}, never on a Ratis thread,
 * and only when the state actually changes. An implementation may block briefly (e.g. to stop its
 * loops) but must not propose and wait for the result inside the callback. Exceptions it throws are
 * logged and otherwise ignored.
 */
@FunctionalInterface
public interface LeadershipListener {
    /** A listener that ignores every change. */
    LeadershipListener NONE = (isLeader, leaderPeerId) -> { };

    void onLeadershipChange(boolean isLeader, String leaderPeerId);
}
