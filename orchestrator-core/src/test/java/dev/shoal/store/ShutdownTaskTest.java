package dev.shoal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The restarts' light retirement action: when {@link MemoryStore} applies it and when it refuses it. */
class ShutdownTaskTest {
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:01Z");
    private final MemoryStore store = new MemoryStore();

    private void seed() {
        store.apply(1, Proposal.atomic(List.of(new StoreAction.Create(MemoryStoreTest.service("s1", "web")),
                new StoreAction.Create(MemoryStoreTest.task("t1", "s1", "n1", TaskState.RUNNING)))));
    }

    @Test
    void aTaskStillMeantToRunIsRetiredWhateverReportsCameSince() {
        seed();
        store.apply(2, Proposal.each(List.of(new StoreAction.UpdateTaskStatus("t1", TaskStatus.of(T1, TaskState.FAILED, "boom")))));
        CommitResult r = store.apply(3, Proposal.atomic(new StoreAction.ShutdownTask("t1")));
        assertTrue(r.ok(), r.toString());
        assertEquals(TaskState.SHUTDOWN, store.view(tx -> tx.task("t1").desiredState()));
        assertEquals(TaskState.FAILED, store.view(tx -> tx.task("t1").state()), "the observed state is left alone");
        assertEquals(3L, (long) store.view(tx -> tx.task("t1").version().index()));
    }

    @Test
    void aRetiredOrMissingTaskIsRefusedAndTheAtomicEntryWithIt() {
        seed();
        assertTrue(store.apply(2, Proposal.atomic(new StoreAction.ShutdownTask("t1"))).ok());
        CommitResult again = store.apply(3, Proposal.atomic(List.of(new StoreAction.ShutdownTask("t1"),
                new StoreAction.Create(MemoryStoreTest.task("t2", "s1", null, TaskState.NEW)))));
        assertEquals(StoreError.Code.CONFLICT, again.rejected().get(0).error().code());
        assertNull(store.view(tx -> tx.task("t2")), "the replacement of a stale restart is not created");
        CommitResult missing = store.apply(4, Proposal.atomic(new StoreAction.ShutdownTask("nope")));
        assertEquals(StoreError.Code.NOT_FOUND, missing.rejected().get(0).error().code());
    }
}
