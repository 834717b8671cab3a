package dev.shoal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeRole;
import dev.shoal.model.NodeSpec;
import dev.shoal.model.NodeState;
import dev.shoal.model.NodeStatus;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceAnnotations;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.Version;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scheduler's light assignment action: when {@link MemoryStore} applies it and when it refuses it. */
class AssignTaskTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private final MemoryStore store = new MemoryStore();

    private static Node node(String id) {
        return new Node(id, Version.NONE, T0, T0, new NodeSpec(id, null, NodeRole.WORKER, NodeAvailability.ACTIVE), null,
                new NodeStatus(NodeState.READY, null, "10.0.0.1"), null);
    }

    private static Task pending(String id, Service s, TaskState desired) {
        return new Task(id, Version.NONE, T0, T0, s.spec().taskTemplate(), s.id(), new ServiceAnnotations(s.spec().name()), 1, null,
                TaskStatus.of(T0, TaskState.PENDING, "pending task scheduling"), desired, null);
    }

    private static StoreAction.AssignTask assign(String task, String node) {
        return new StoreAction.AssignTask(task, node, TaskStatus.of(T1, TaskState.ASSIGNED, "scheduler assigned task to node"));
    }

    private Task task(String id) { return store.view(tx -> tx.task(id)); }

    private void seed(Task... tasks) {
        Service s = MemoryStoreTest.service("s1", "web");
        store.apply(1, Proposal.atomic(new StoreAction.Create(s), new StoreAction.Create(node("n1"))));
        for (Task t : tasks) store.apply(store.lastIndex() + 1, Proposal.atomic(new StoreAction.Create(t)));
    }

    @Test
    void assignsAPendingTaskItsNodeAndStatusAndIndexesIt() throws Exception {
        Service s = MemoryStoreTest.service("s1", "web");
        seed(pending("t1", s, TaskState.RUNNING), pending("t2", s, TaskState.READY));
        try (Subscription sub = store.watch(tx -> { })) {
            CommitResult r = store.apply(9, Proposal.each(List.of(assign("t1", "n1"), assign("t2", "n1"))));
            assertTrue(r.ok());
            List<StoreEvent> events = sub.next(5, TimeUnit.SECONDS, 10);
            assertTrue(events.get(0) instanceof StoreEvent.Updated u && ((Task) u.object()).nodeId().equals("n1"));
        }
        Task t = task("t1");
        assertEquals("n1", t.nodeId());
        assertEquals(TaskState.ASSIGNED, t.state());
        assertEquals("scheduler assigned task to node", t.status().message());
        assertEquals(9, t.version().index());
        assertEquals(T1, t.updatedAt());
        assertEquals(T0, t.createdAt());
        assertEquals("n1", task("t2").nodeId(), "a task waiting out its restart delay (desired READY) is placed too");
        assertEquals(2, (int) store.view(tx -> tx.tasksOfNode("n1").size()));
    }

    @Test
    void aTaskThatNoLongerWaitsForANodeIsAConflictAndStaysAsItIs() {
        Service s = MemoryStoreTest.service("s1", "web");
        Task assigned = pending("a", s, TaskState.RUNNING).withNode("n1", TaskStatus.of(T0, TaskState.ASSIGNED, "x"));
        Task shut = pending("b", s, TaskState.SHUTDOWN);
        Task running = pending("c", s, TaskState.RUNNING).withStatus(TaskStatus.of(T0, TaskState.RUNNING, "started"));
        seed(assigned, shut, running);
        CommitResult r = store.apply(9, Proposal.each(List.of(assign("a", "n1"), assign("b", "n1"), assign("c", "n1"),
                assign("gone", "n1"))));
        assertEquals(List.of(StoreError.Code.CONFLICT, StoreError.Code.CONFLICT, StoreError.Code.CONFLICT, StoreError.Code.NOT_FOUND),
                r.rejected().stream().map(x -> x.error().code()).toList());
        assertEquals(List.of(0, 1, 2, 3), r.rejected().stream().map(CommitResult.Rejection::position).toList());
        assertNull(task("b").nodeId());
        assertEquals(TaskState.PENDING, task("b").state());
        assertTrue(task("a").version().index() < 9);
    }

    @Test
    void anAssignmentToANodeThatIsGoneIsAConflictAndOneWithoutAssignedIsInvalid() {
        Service s = MemoryStoreTest.service("s1", "web");
        seed(pending("t1", s, TaskState.RUNNING));
        CommitResult r = store.apply(9, Proposal.each(List.of(assign("t1", "n2"),
                new StoreAction.AssignTask("t1", "n1", TaskStatus.of(T1, TaskState.RUNNING, "x")),
                new StoreAction.AssignTask("t1", null, TaskStatus.of(T1, TaskState.ASSIGNED, "x")))));
        assertEquals(List.of(StoreError.Code.CONFLICT, StoreError.Code.INVALID, StoreError.Code.INVALID),
                r.rejected().stream().map(x -> x.error().code()).toList());
        assertNull(task("t1").nodeId());
    }

    @Test
    void changesThatLeaveTheTaskWaitingDoNotConflict() {
        // An optimistic update made from the version the scheduler read would be refused here; the
        // assignment still applies because the task still waits for a node.
        Service s = MemoryStoreTest.service("s1", "web");
        seed(pending("t1", s, TaskState.READY));
        Task read = task("t1");
        store.apply(5, Proposal.atomic(new StoreAction.Update(read.withDesiredState(TaskState.RUNNING))));
        store.apply(6, Proposal.each(List.of(new StoreAction.UpdateTaskStatus("t1",
                new TaskStatus(T0, TaskState.PENDING, "pending task scheduling", "no suitable node", null)))));
        assertTrue(store.apply(7, Proposal.each(List.of(assign("t1", "n1")))).ok());
        assertEquals("n1", task("t1").nodeId());
        assertEquals(TaskState.RUNNING, task("t1").desiredState());
        assertTrue(store.apply(8, Proposal.each(List.of(assign("t1", "n1")))).rejected().get(0).error().code() == StoreError.Code.CONFLICT,
                "a task is assigned once");
    }

    @Test
    void anAtomicProposalWithARefusedAssignmentChangesNothing() {
        Service s = MemoryStoreTest.service("s1", "web");
        seed(pending("t1", s, TaskState.RUNNING), pending("t2", s, TaskState.SHUTDOWN));
        CommitResult r = store.apply(9, Proposal.atomic(assign("t1", "n1"), assign("t2", "n1")));
        assertEquals(1, r.rejected().size());
        assertNull(task("t1").nodeId());
    }

    @Test
    void storedTasksShareTheirServicesTemplateNameAndIdsWhateverTheLogCarried() {
        ProposalCodec codec = new ProposalCodec();
        Service s = MemoryStoreTest.service("s1", "web");
        store.apply(1, codec.decode(codec.encode(Proposal.atomic(new StoreAction.Create(s), new StoreAction.Create(node("n1"))))));
        // every task decoded from the log has its own copy of each value
        store.apply(2, codec.decode(codec.encode(Proposal.each(List.of(new StoreAction.Create(pending("t1", s, TaskState.RUNNING)),
                new StoreAction.Create(pending("t2", s, TaskState.RUNNING)))))));
        store.apply(3, codec.decode(codec.encode(Proposal.each(List.of(assign("t1", "n1"), assign("t2", "n1"))))));
        Service stored = store.view(tx -> tx.service("s1"));
        Node n1 = store.view(tx -> tx.node("n1"));
        Task t1 = task("t1");
        Task t2 = task("t2");
        assertEquals(s.spec().taskTemplate(), t1.spec());
        assertSame(stored.spec().taskTemplate(), t1.spec());
        assertSame(t1.spec(), t2.spec());
        assertSame(t1.serviceAnnotations(), t2.serviceAnnotations());
        assertSame(stored.id(), t1.serviceId());
        assertSame(n1.id(), t1.nodeId());
        assertSame(t1.status().message(), t2.status().message());
        // a snapshot restored elsewhere shares them too
        MemoryStore other = new MemoryStore();
        other.restore(codec.decodeSnapshot(codec.encodeSnapshot(store.snapshot())));
        Task r1 = other.view(tx -> tx.task("t1"));
        assertEquals(t1, r1);
        assertSame(other.view(tx -> tx.service("s1")).spec().taskTemplate(), r1.spec());
    }
}
