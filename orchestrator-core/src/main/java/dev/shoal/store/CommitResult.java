package dev.shoal.store;

import java.util.List;

/** The outcome of a committed proposal: its log index and the actions the store refused (by position). */
public record CommitResult(long index, List<Rejection> rejected) {
    public CommitResult {
        rejected = List.copyOf(rejected);
    }

    /** One refused action: its position in the proposal and why. */
    public record Rejection(int position, StoreError error) {}

    public boolean ok() { return rejected.isEmpty(); }

    /** Throws the first refusal as a {@link StoreException}; returns this when nothing was refused. */
    public CommitResult orThrow() {
        if (!rejected.isEmpty()) throw new StoreException(rejected.get(0).error());
        return this;
    }
}
