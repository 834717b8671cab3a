package dev.shoal.store;

import java.util.concurrent.CompletableFuture;

/**
 * The write path into the replicated store. The future completes once the proposal is committed and
 * applied to this manager's store, or fails with a {@link StoreException} of code
 * {@link StoreError.Code#UNAVAILABLE} when this manager cannot commit (not the leader, no quorum).
 * Implementations are thread-safe.
 */
public interface Proposer {
    CompletableFuture<CommitResult> propose(Proposal proposal);
}
