package dev.shoal.store;

import dev.shoal.model.StoreObject;

/** What watchers see of applied writes, in log order; each applied proposal ends with a {@link Commit}. */
public sealed interface StoreEvent {
    record Created(StoreObject object) implements StoreEvent {}

    record Updated(StoreObject old, StoreObject object) implements StoreEvent {}

    record Deleted(StoreObject object) implements StoreEvent {}

    /** The whole store was replaced from a snapshot at this index: watchers must re-read what they track. */
    record Reset(long index) implements StoreEvent {}

    /** Marks the end of one applied proposal. */
    record Commit(long index) implements StoreEvent {}
}
