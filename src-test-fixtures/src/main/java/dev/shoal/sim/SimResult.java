package dev.shoal.sim;

import java.time.Duration;
import java.util.Locale;

/**
 * The figures of one simulation run. Immutable.
 *
 * @param registered        time from starting the agents until every one held a session
 * @param allPlaced         time from the first service create until every task had a node in the store
 * @param allRunning        time from the first service create until every task was RUNNING in the store
 * @param heapBytesPerTask  the leader manager's heap growth per task (agents and followers stopped first)
 * @param raftBytesPerTask  the leader's Raft directory size per task
 */
public record SimResult(int tasks, Duration registered, Duration allPlaced, Duration allRunning,
                        double heapBytesPerTask, double raftBytesPerTask) {
    /** Tasks placed by the scheduler and committed, per second. */
    public double placedPerSecond() { return tasks / seconds(allPlaced); }

    /** One line per figure, as {@code bin/shoal-sim} prints them. */
    public String lines() {
        return String.format(Locale.ROOT, "agents registered in: %.2f s%n"
                        + "time until every task is RUNNING: %.2f s%n"
                        + "time until every task is placed: %.2f s%n"
                        + "tasks placed and committed per second: %.0f%n"
                        + "tasks RUNNING per second: %.0f%n"
                        + "manager heap per task: %.0f B%n"
                        + "raft log bytes per task: %.0f B%n",
                seconds(registered), seconds(allRunning), seconds(allPlaced), placedPerSecond(), tasks / seconds(allRunning),
                heapBytesPerTask, raftBytesPerTask);
    }

    private static double seconds(Duration d) { return Math.max(1e-9, d.toNanos() / 1e9); }
}
