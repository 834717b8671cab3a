package dev.shoal.model;

/** Cluster-wide settings. A null field takes Swarm's default. Immutable. */
public record ClusterSpec(String name, Long taskHistoryRetentionLimit, Long heartbeatPeriod) {
    public static final long DEFAULT_TASK_HISTORY = 5;
    /** Shoal's default heartbeat period: 1 s (Swarm's is 5 s), in nanoseconds. */
    public static final long DEFAULT_HEARTBEAT_NANOS = 1_000_000_000L;

    public long taskHistory() { return taskHistoryRetentionLimit == null ? DEFAULT_TASK_HISTORY : taskHistoryRetentionLimit; }

    public long heartbeatNanos() { return heartbeatPeriod == null ? DEFAULT_HEARTBEAT_NANOS : heartbeatPeriod; }
}
