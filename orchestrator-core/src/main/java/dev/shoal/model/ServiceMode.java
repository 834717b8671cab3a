package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A service's mode, shaped as Docker's JSON: exactly one of {@code Replicated}, {@code Global},
 * {@code ReplicatedJob} or {@code GlobalJob} is set (an empty mode means one replica; the control API
 * fills it in). Immutable.
 */
public record ServiceMode(ReplicatedMode replicated, GlobalMode global, ReplicatedJob replicatedJob, GlobalJob globalJob) {
    /** A replicated or global mode (the two long-running kinds). */
    public ServiceMode(ReplicatedMode replicated, GlobalMode global) { this(replicated, global, null, null); }

    public static ServiceMode replicated(long replicas) { return new ServiceMode(new ReplicatedMode(replicas), null); }

    public static ServiceMode newGlobal() { return new ServiceMode(null, new GlobalMode()); }

    /** A replicated job; null arguments take Docker's defaults. */
    public static ServiceMode newReplicatedJob(Long maxConcurrent, Long totalCompletions) {
        return new ServiceMode(null, null, new ReplicatedJob(maxConcurrent, totalCompletions), null);
    }

    public static ServiceMode newGlobalJob() { return new ServiceMode(null, null, null, new GlobalJob()); }

    /** True when one task runs per node: global services and global jobs (not a bean getter). */
    public boolean runsGlobally() { return global != null || globalJob != null; }

    /** True for the run-to-completion modes, replicated-job and global-job. */
    @JsonIgnore
    public boolean isJob() { return replicatedJob != null || globalJob != null; }

    /** How many of the four modes are set (a valid spec has at most one). */
    public int modesSet() {
        return (replicated != null ? 1 : 0) + (global != null ? 1 : 0) + (replicatedJob != null ? 1 : 0) + (globalJob != null ? 1 : 0);
    }

    /** Docker's name for the mode in {@code service ls}: "replicated", "global", "replicated job" or "global job". */
    public String display() {
        if (global != null) return "global";
        if (replicatedJob != null) return "replicated job";
        if (globalJob != null) return "global job";
        return "replicated";
    }

    /** The {@code --mode} flag's spelling: "replicated", "global", "replicated-job" or "global-job". */
    public String flag() { return display().replace(' ', '-'); }
}
