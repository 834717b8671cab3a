package dev.shoal.cli.service;

import dev.shoal.model.ServiceMode;

/**
 * Turns {@code --mode}, {@code --replicas} and {@code --max-concurrent} into a {@link ServiceMode} as
 * Docker's CLI does: {@code --replicas} is the replica count (replicated) or TotalCompletions
 * (replicated-job, where MaxConcurrent defaults to it); {@code --max-concurrent} is for replicated-job
 * only; misuse is refused with Docker's messages. Stateless.
 */
final class ModeFlags {
    private ModeFlags() {}

    /** The mode; {@code mode} null means replicated. Throws IllegalArgumentException with Docker's text on misuse. */
    static ServiceMode toMode(String mode, Long replicas, Long maxConcurrent) {
        String m = mode == null ? "replicated" : mode;
        boolean job = m.equals("replicated-job");
        if (maxConcurrent != null && !job) throw new IllegalArgumentException("max-concurrent can only be used with replicated-job mode");
        switch (m) {
            case "global":
            case "global-job":
                if (replicas != null) throw new IllegalArgumentException("replicas can only be used with replicated or replicated-job mode");
                return m.equals("global") ? ServiceMode.newGlobal() : ServiceMode.newGlobalJob();
            case "replicated-job":
                return ServiceMode.newReplicatedJob(maxConcurrent != null ? maxConcurrent : replicas, replicas);
            default:
                return ServiceMode.replicated(replicas == null ? 1 : replicas);
        }
    }
}
