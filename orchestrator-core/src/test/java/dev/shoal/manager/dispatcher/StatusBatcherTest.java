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

/** Status reports are written in bounded batches, only for the reporter's own tasks, and survive a commit the cluster could not make. */
class StatusBatcherTest {
    @Test
    void aFloodOfReportsIsSplitIntoBoundedProposalsAndAFailedOneIsRetried() {
        MemoryStore memory = new MemoryStore();
        int reports = StatusBatcher.MAX_BATCH * 2 + 500;
        dev.shoal.model.Service svc = dev.shoal.testutil.Fixtures.service("s", reports);
        List<dev.shoal.store.StoreAction> seed = new java.util.ArrayList<>();
        seed.add(new dev.shoal.store.StoreAction.Create(svc));
        for (int i = 0; i < reports; i++) {
            seed.add(new dev.shoal.store.StoreAction.Create(dev.shoal.testutil.Fixtures.task("t" + i, svc, i + 1, "n1",
                    TaskState.ASSIGNED, TaskState.RUNNING, Instant.EPOCH)));
        }
        seed.add(new dev.shoal.store.StoreAction.Create(dev.shoal.testutil.Fixtures.task("other", svc, reports + 1, "n2",
                TaskState.ASSIGNED, TaskState.RUNNING, Instant.EPOCH)));
        memory.apply(1, Proposal.each(seed));
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
        try (StatusBatcher b = new StatusBatcher(store)) {
            for (int i = 0; i < reports; i++) b.add("n1", "t" + i, TaskStatus.of(Instant.EPOCH, TaskState.RUNNING, "started"));
            b.add("n1", "other", TaskStatus.of(Instant.EPOCH, TaskState.FAILED, "not n1's task"));
            b.start();
            Wait.until("every report written", () -> committed.stream().mapToInt(p -> p.actions().size()).sum() == reports);
        }
        assertTrue(committed.stream().allMatch(p -> p.actions().size() <= StatusBatcher.MAX_BATCH));
        assertTrue(committed.size() >= 3);
        assertTrue(memory.view(tx -> tx.task("other").state()) == TaskState.ASSIGNED, "a report on another node's task is dropped");
        assertTrue(memory.view(tx -> tx.task("t0").state()) == TaskState.RUNNING);
    }
}
