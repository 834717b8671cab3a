package dev.shoal.store;

import java.util.concurrent.CompletableFuture;

/**
 * A proposer that applies each proposal straight to a {@link MemoryStore}, in call order, with
 * increasing indexes; for unit tests and simulations of the manager's logic without Raft. The
 * production write path is the Raft-replicated proposer in {@code raft-store}. Thread-safe.
 */
public final class LocalProposer implements Proposer {
    private final MemoryStore store;
    private long index;

    public LocalProposer(MemoryStore store) {
        this.store = store;
        this.index = store.lastIndex();
    }

    @Override
    public synchronized CompletableFuture<CommitResult> propose(Proposal proposal) {
        return CompletableFuture.completedFuture(store.apply(++index, proposal));
    }
}
