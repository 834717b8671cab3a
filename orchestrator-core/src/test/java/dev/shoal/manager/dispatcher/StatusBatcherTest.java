package dev.shoal.manager.dispatcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.store.LocalProposer;
import dev.shoal.store.MemoryStore;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreError;
import dev.shoal.store.StoreException;
import dev.shoal.testutil.Wait;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Status reports are written in bounded batches and survive a commit the cluster could not make. */
class StatusBatcherTest {
    @Test
    void aFloodOfReportsIsSplitIntoBoundedProposalsAndAFailedOneIsRetried() {
        MemoryStore memory = new MemoryStore();
        LocalProposer local = new LocalProposer(memory);
        List<Proposal> committed = new CopyOnWriteArrayList<>();
        boolean[] failedOnce = {false};
        Store store = new Store(memory, p -> {
            if (!failedOnce[0]) {
                failedOnce[0] = true;
                return CompletableFuture.failedFuture(new StoreException(StoreError.Code.UNAVAILABLE, "no quorum"));
            }
            committed.add(p);
            return local.propose(p);
        });
        int reports = StatusBatcher.MAX_BATCH * 2 + 500;
        try (StatusBatcher b = new StatusBatcher(store)) {
            for (int i = 0; i < reports; i++) b.add("t" + i, TaskStatus.of(Instant.EPOCH, TaskState.RUNNING, "started"));
            b.start();
            Wait.until("every report written", () -> committed.stream().mapToInt(p -> p.actions().size()).sum() == reports);
        }
        assertTrue(committed.stream().allMatch(p -> p.actions().size() <= StatusBatcher.MAX_BATCH));
        assertTrue(committed.size() >= 3);
    }
}
