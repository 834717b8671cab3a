package dev.shoal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.ContainerSpec;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceAnnotations;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.Version;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final MemoryStore store = new MemoryStore();

    static Service service(String id, String name) {
        TaskSpec ts = new TaskSpec(new ContainerSpec("busybox", null, null, List.of("sleep", "1"), null, null, null, null, null),
                null, null, null, null);
        return new Service(id, Version.NONE, T0, T0, new ServiceSpec(name, null, ts, ServiceMode.replicated(2), null), null);
    }

    static Task task(String id, String serviceId, String node, TaskState state) {
        return new Task(id, Version.NONE, T0, T0, null, serviceId, new ServiceAnnotations("web"), 1, node,
                TaskStatus.of(T0, state, "x"), TaskState.RUNNING, null);
    }

    @Test
    void createStampsTheLogIndexAsVersionAndIndexesTasks() {
        CommitResult r = store.apply(7, Proposal.atomic(new StoreAction.Create(service("s1", "web")),
                new StoreAction.Create(task("t1", "s1", "n1", TaskState.PENDING))));
        assertTrue(r.ok());
        store.view(tx -> {
            assertEquals(7, tx.service("s1").version().index());
            assertEquals("s1", tx.serviceByName("web").id());
            assertEquals(1, tx.tasksOfService("s1").size());
            assertEquals(1, tx.tasksOfNode("n1").size());
            assertEquals(7, tx.lastIndex());
            return null;
        });
    }

    @Test
    void atomicProposalWithOneBadActionChangesNothing() {
        store.apply(1, Proposal.atomic(new StoreAction.Create(service("s1", "web"))));
        CommitResult r = store.apply(2, Proposal.atomic(new StoreAction.Create(task("t1", "s1", null, TaskState.PENDING)),
                new StoreAction.Create(service("s2", "web"))));
        assertEquals(StoreError.Code.NAME_CONFLICT, r.rejected().get(0).error().code());
        assertNull(store.view(tx -> tx.task("t1")));
        assertNull(store.view(tx -> tx.service("s2")));
    }

    @Test
    void nonAtomicProposalAppliesWhatItCan() {
        CommitResult r = store.apply(1, Proposal.each(List.of(new StoreAction.Delete(dev.shoal.model.StoreObject.Kind.TASK, "nope"),
                new StoreAction.Create(service("s1", "web")))));
        assertEquals(1, r.rejected().size());
        assertEquals(0, r.rejected().get(0).position());
        assertEquals(StoreError.Code.NOT_FOUND, r.rejected().get(0).error().code());
        assertEquals("s1", store.view(tx -> tx.service("s1").id()));
    }

    @Test
    void staleUpdateIsAConflict() {
        store.apply(1, Proposal.atomic(new StoreAction.Create(service("s1", "web"))));
        Service v1 = store.view(tx -> tx.service("s1"));
        assertTrue(store.apply(2, Proposal.atomic(new StoreAction.Update(v1.withSpec(v1.spec().withMode(ServiceMode.replicated(3)))))).ok());
        CommitResult r = store.apply(3, Proposal.atomic(new StoreAction.Update(v1.withSpec(v1.spec().withMode(ServiceMode.replicated(5))))));
        assertEquals(StoreError.Code.CONFLICT, r.rejected().get(0).error().code());
        long replicas = store.view(tx -> tx.service("s1").spec().mode().replicated().replicas());
        assertEquals(3, replicas);
    }

    @Test
    void taskStatusOnlyMovesForward() {
        store.apply(1, Proposal.atomic(new StoreAction.Create(service("s1", "web")), new StoreAction.Create(task("t1", "s1", "n1", TaskState.ASSIGNED))));
        store.apply(2, Proposal.each(List.of(new StoreAction.UpdateTaskStatus("t1", TaskStatus.of(T0, TaskState.RUNNING, "started")))));
        CommitResult r = store.apply(3, Proposal.each(List.of(new StoreAction.UpdateTaskStatus("t1", TaskStatus.of(T0, TaskState.PREPARING, "late")),
                new StoreAction.UpdateTaskStatus("gone", TaskStatus.of(T0, TaskState.RUNNING, "x")))));
        assertTrue(r.ok());
        Task t = store.view(tx -> tx.task("t1"));
        assertEquals(TaskState.RUNNING, t.state());
        assertEquals(2, t.version().index());
    }

    @Test
    void watchersSeeEventsAfterTheirInitialViewThenACommit() throws Exception {
        store.apply(1, Proposal.atomic(new StoreAction.Create(service("s1", "web"))));
        int[] seen = new int[1];
        try (Subscription sub = store.watch(tx -> seen[0] = tx.services().size())) {
            store.apply(2, Proposal.atomic(new StoreAction.Create(task("t1", "s1", null, TaskState.PENDING))));
            List<StoreEvent> ev = sub.next(5, TimeUnit.SECONDS, 100);
            assertEquals(1, seen[0]);
            assertTrue(ev.get(0) instanceof StoreEvent.Created);
            assertEquals(new StoreEvent.Commit(2), ev.get(ev.size() - 1));
        }
    }

    @Test
    void snapshotRestoresEverythingAndResetsWatchers() throws Exception {
        store.apply(4, Proposal.atomic(new StoreAction.Create(service("s1", "web")), new StoreAction.Create(task("t1", "s1", "n1", TaskState.PENDING))));
        ProposalCodec codec = new ProposalCodec();
        StoreSnapshot snap = codec.decodeSnapshot(codec.encodeSnapshot(store.snapshot()));
        MemoryStore other = new MemoryStore();
        try (Subscription sub = other.watch(tx -> { })) {
            other.restore(snap);
            assertEquals(new StoreEvent.Reset(4), sub.next(5, TimeUnit.SECONDS, 10).get(0));
        }
        Task before = store.view(tx -> tx.task("t1"));
        Task after = other.view(tx -> tx.task("t1"));
        assertEquals(before, after);
        Service sBefore = store.view(tx -> tx.service("s1"));
        Service sAfter = other.view(tx -> tx.service("s1"));
        assertEquals(sBefore, sAfter);
        int onNode = other.view(tx -> tx.tasksOfNode("n1").size());
        assertEquals(1, onNode);
        boolean empty = other.view(tx -> tx.tasksOfService("s1").isEmpty());
        assertFalse(empty);
    }

    @Test
    void proposalsSurviveTheLogCodec() {
        ProposalCodec codec = new ProposalCodec();
        Proposal p = Proposal.each(List.of(new StoreAction.Create(service("s1", "web")),
                new StoreAction.Update(task("t1", "s1", "n1", TaskState.RUNNING)),
                new StoreAction.Delete(dev.shoal.model.StoreObject.Kind.SERVICE, "s1"),
                new StoreAction.UpdateTaskStatus("t1", TaskStatus.of(T0, TaskState.FAILED, "boom"))));
        assertEquals(p, codec.decode(codec.encode(p)));
    }
}
