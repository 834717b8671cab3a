package dev.shoal.sim;

import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.MemoryStore;

/**
 * How far the tasks have got in one store replica: how many exist, how many have been placed on a node
 * (the scheduler's commit), how many are RUNNING (and meant to be). Immutable.
 */
record Progress(int tasks, int placed, int running) {
    /** Counts in one read view of {@code store}. */
    static Progress of(MemoryStore store) {
        return store.view(tx -> {
            int all = 0;
            int placed = 0;
            int running = 0;
            for (Task t : tx.tasks()) {
                all++;
                if (t.nodeId() != null) placed++;
                if (t.status() != null && t.state() == TaskState.RUNNING && t.desiredState() == TaskState.RUNNING) running++;
            }
            return new Progress(all, placed, running);
        });
    }
}
