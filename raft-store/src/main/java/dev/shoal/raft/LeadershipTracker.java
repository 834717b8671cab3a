package dev.shoal.raft;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Ratis's leader events into a deduplicated, ordered stream of {@link LeadershipListener}
 * calls on one thread of its own, so Ratis threads never run daemon code. Thread-safe.
 */
final class LeadershipTracker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeadershipTracker.class);

    private final LeadershipListener listener;
    private final ExecutorService events;
    private boolean leader;
    private String leaderId;
    private boolean reportedLeader;
    private String reportedLeaderId;
    private boolean reportedOnce;

    LeadershipTracker(LeadershipListener listener, String name) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "shoal-raft-leadership-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** This peer is leader and has applied everything committed before its term. */
    synchronized void leaderReady(String selfId) {
        leader = true;
        leaderId = selfId;
        publish();
    }

    /** Some peer (possibly this one) was elected; this peer is not a ready leader (yet). */
    synchronized void leaderChanged(String newLeaderId, String selfId) {
        leaderId = newLeaderId;
        if (!Objects.equals(newLeaderId, selfId)) {
            leader = false;
            publish();
        }
    }

    /** This peer stopped being leader (stepped down or shut down); the new leader is not known yet. */
    synchronized void notLeader() {
        if (!leader) return;
        leader = false;
        leaderId = null;
        publish();
    }

    synchronized boolean isLeader() { return leader; }

    synchronized String leaderId() { return leaderId; }

    /** Queues a listener call if leadership or the known leader changed since the last call (a follower learning of a new leader is reported too, so agents can be redirected). */
    private void publish() {
        if (reportedOnce && reportedLeader == leader && Objects.equals(reportedLeaderId, leaderId)) return;
        reportedOnce = true;
        reportedLeader = leader;
        reportedLeaderId = leaderId;
        boolean isLeader = leader;
        String id = leaderId;
        try {
            events.execute(() -> {
                try {
                    listener.onLeadershipChange(isLeader, id);
                } catch (RuntimeException e) {
                    log.warn("leadership listener failed on change to isLeader={} leader={}", isLeader, id, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("leadership change after close ignored: isLeader={} leader={}", isLeader, id);
        }
    }

    /** Reports loss of leadership if it was held, then stops the event thread after pending calls. */
    @Override
    public void close() {
        synchronized (this) {
            if (leader) {
                leader = false;
                leaderId = null;
                publish();
            }
        }
        events.shutdown();
    }
}
