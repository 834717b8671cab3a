package dev.shoal.store;

import dev.shoal.model.StoreObject;

/**
 * What watchers see of applied writes, in log order; each applied proposal ends with a {@link Commit}.
 * {@link #before()} and {@link #after()} give the object on either side of a change, so a watcher that
 * treats creations, updates and deletions alike needs no case analysis.
 */
public sealed interface StoreEvent {
    /** The object before this event: the old version for an update, the removed one for a deletion, else null. */
    StoreObject before();

    /** The object after this event: the new version for a creation or an update, else null. */
    StoreObject after();

    record Created(StoreObject object) implements StoreEvent {
        @Override public StoreObject before() { return null; }
        @Override public StoreObject after() { return object; }
    }

    record Updated(StoreObject old, StoreObject object) implements StoreEvent {
        @Override public StoreObject before() { return old; }
        @Override public StoreObject after() { return object; }
    }

    record Deleted(StoreObject object) implements StoreEvent {
        @Override public StoreObject before() { return object; }
        @Override public StoreObject after() { return null; }
    }

    /** The whole store was replaced from a snapshot at this index: watchers must re-read what they track. */
    record Reset(long index) implements StoreEvent {
        @Override public StoreObject before() { return null; }
        @Override public StoreObject after() { return null; }
    }

    /** Marks the end of one applied proposal. */
    record Commit(long index) implements StoreEvent {
        @Override public StoreObject before() { return null; }
        @Override public StoreObject after() { return null; }
    }
}
