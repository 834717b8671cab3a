package dev.shoal.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.Service;
import dev.shoal.model.StoreObject;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.store.CommitResult;
import dev.shoal.store.MemoryStore;
import dev.shoal.store.Proposal;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreError;
import dev.shoal.store.StoreEvent;
import dev.shoal.store.StoreSnapshot;
import dev.shoal.store.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A one-manager group, as {@code swarm init} creates: proposals, restart by log replay and from a snapshot. */
class SinglePeerRaftTest {
    @TempDir Path dataDir;

    private final Fixtures fx = new Fixtures();
    private final List<RaftNode> started = new ArrayList<>();
    private ManagerPeer self;

    @AfterEach
    void closeNodes() {
        for (RaftNode n : started) n.close();
    }

    private RaftNode start(MemoryStore store, RaftSettings settings, LeadershipListener listener) throws IOException {
        if (self == null) self = TestPeers.loopback(1).get(0);
        RaftNode node = RaftNode.start(TestPeers.config("cluster-1", self, List.of(self), dataDir, settings), store, listener);
        started.add(node);
        return node;
    }

    private RaftNode startLeader(MemoryStore store, RaftSettings settings) throws IOException {
        RaftNode node = start(store, settings, LeadershipListener.NONE);
        Await.until("the single manager to become leader", node::isLeader);
        return node;
    }

    @Test
    void proposalsAreAppliedWithTheirLogIndexAsVersion() throws IOException {
        List<String> leadership = new CopyOnWriteArrayList<>();
        MemoryStore store = new MemoryStore();
        assertFalse(RaftNode.hasState(dataDir, "cluster-1"));
        RaftNode node = start(store, TestPeers.fastSettings(), (leader, id) -> leadership.add(leader + ":" + id));
        Await.until("leadership reported to the listener", () -> leadership.contains("true:" + self.id()));
        assertTrue(RaftNode.hasState(dataDir, "cluster-1"));
        assertEquals(self.id(), node.leaderId());

        Service web = fx.service("web", 2);
        Task t1 = fx.task(web, 1);
        Task t2 = fx.task(web, 2);
        CommitResult created = Await.result(node.proposer().propose(Proposal.atomic(
                new StoreAction.Create(web), new StoreAction.Create(t1), new StoreAction.Create(t2))));
        assertTrue(created.ok(), created.toString());
        assertTrue(created.index() > 0);
        // applied locally before the future completes, stamped with the Raft log index
        assertEquals(created.index(), store.view(tx -> tx.service(web.id())).version().index());
        assertEquals(created.index(), store.view(tx -> tx.task(t2.id())).version().index());
        assertEquals(2, store.view(tx -> tx.tasksOfService(web.id())).size());

        Service stored = store.view(tx -> tx.service(web.id()));
        CommitResult updated = Await.result(node.proposer().propose(Proposal.atomic(
                new StoreAction.Update(stored.withSpec(stored.spec().withMode(dev.shoal.model.ServiceMode.replicated(5)))))));
        assertTrue(updated.ok(), updated.toString());
        assertTrue(updated.index() > created.index());
        Service after = store.view(tx -> tx.service(web.id()));
        assertEquals(updated.index(), after.version().index());
        assertEquals(5, after.spec().mode().replicated().replicas());
        assertEquals(updated.index(), store.lastIndex());

        Await.result(node.readIndex());
    }

    @Test
    void aProposalFencedToAnotherTermIsDroppedAsAWhole() throws IOException {
        MemoryStore store = new MemoryStore();
        RaftNode node = startLeader(store, TestPeers.fastSettings());
        long term = node.currentTerm();
        assertTrue(term > 0);
        Service web = fx.service("web", 1);
        CommitResult stale = Await.result(node.proposer().propose(
                Proposal.atomic(new StoreAction.Create(web)).fencedTo(term - 1 > 0 ? term - 1 : term + 1)));
        assertEquals(dev.shoal.store.StoreError.Code.UNAVAILABLE, stale.rejected().get(0).error().code());
        assertTrue(stale.rejected().get(0).error().message().contains("no longer leads"), stale.toString());
        Service none = store.view(tx -> tx.service(web.id()));
        assertEquals(null, none);
        CommitResult current = Await.result(node.proposer().propose(Proposal.atomic(new StoreAction.Create(web)).fencedTo(term)));
        assertTrue(current.ok(), current.toString());
        Service applied = store.view(tx -> tx.service(web.id()));
        assertEquals(web.id(), applied.id());
    }

    @Test
    void aNonAtomicBatchIsOneEntryAndReportsRefusalsByPosition() throws IOException {
        MemoryStore store = new MemoryStore();
        RaftNode node = startLeader(store, TestPeers.fastSettings());
        Service web = fx.service("web", 3);
        Await.result(node.proposer().propose(Proposal.atomic(new StoreAction.Create(web))));

        List<StoreAction> batch = new ArrayList<>();
        for (int slot = 1; slot <= 100; slot++) batch.add(new StoreAction.Create(fx.task(web, slot)));
        batch.add(new StoreAction.Delete(StoreObject.Kind.TASK, "no-such-task"));
        CommitResult r = Await.result(node.proposer().propose(Proposal.each(batch)));
        assertEquals(1, r.rejected().size());
        assertEquals(100, r.rejected().get(0).position());
        assertEquals(StoreError.Code.NOT_FOUND, r.rejected().get(0).error().code());
        assertEquals(100, store.view(tx -> tx.tasksOfService(web.id())).size());
        // every task of the batch carries the same version: one proposal, one log entry
        assertEquals(1, store.view(tx -> new HashSet<>(tx.tasksOfService(web.id()).stream()
                .map(t -> t.version().index()).toList())).size());
    }

    @Test
    void restartReplaysTheLogIntoTheSameStore() throws IOException, InterruptedException {
        RaftSettings noSnapshots = TestPeers.fastSettings().withSnapshotOnStop(false);
        MemoryStore first = new MemoryStore();
        RaftNode node = startLeader(first, noSnapshots);
        writeSomeHistory(node, first, 5);
        StoreSnapshot before = first.snapshot();
        node.close();
        assertEquals(0, latestSnapshotIndex());

        MemoryStore second = new MemoryStore();
        assertTrue(RaftNode.hasState(dataDir, "cluster-1"));
        List<StoreEvent> events = new ArrayList<>();
        RaftNode again;
        try (Subscription sub = second.watch(tx -> { })) {
            again = startLeader(second, noSnapshots);
            Await.until("the log to be replayed", () -> second.lastIndex() >= before.index());
            events.addAll(sub.next(1, TimeUnit.SECONDS, 100_000));
        }
        assertSameContents(before, second.snapshot());
        assertTrue(events.stream().noneMatch(e -> e instanceof StoreEvent.Reset), "no snapshot was involved: " + events);
        // and it keeps accepting writes after the restart
        CommitResult more = Await.result(again.proposer().propose(Proposal.atomic(new StoreAction.Create(fx.service("db", 1)))));
        assertTrue(more.ok());
        assertTrue(more.index() > before.index());
    }

    @Test
    void restartRecoversFromTheLatestSnapshotThenTheLog() throws IOException, InterruptedException {
        RaftSettings settings = TestPeers.fastSettings().withSnapshotEveryEntries(5);
        MemoryStore first = new MemoryStore();
        RaftNode node = startLeader(first, settings);
        writeSomeHistory(node, first, 12);
        Await.until("a snapshot file to be written", () -> latestSnapshotIndex() > 0);
        StoreSnapshot before = first.snapshot();
        node.close();
        long snapshotIndex = latestSnapshotIndex();

        MemoryStore second = new MemoryStore();
        List<StoreEvent> events = new ArrayList<>();
        try (Subscription sub = second.watch(tx -> { })) {
            startLeader(second, settings);
            Await.until("the store to be recovered", () -> second.lastIndex() >= before.index());
            events.addAll(sub.next(1, TimeUnit.SECONDS, 100_000));
        }
        assertSameContents(before, second.snapshot());
        assertInstanceOf(StoreEvent.Reset.class, events.get(0), "recovery starts from a snapshot: " + events);
        long restoredAt = ((StoreEvent.Reset) events.get(0)).index();
        assertTrue(restoredAt > 0 && restoredAt <= snapshotIndex, "restored at " + restoredAt + ", snapshot " + snapshotIndex);
        for (StoreEvent e : events.subList(1, events.size())) {
            if (e instanceof StoreEvent.Commit c) assertTrue(c.index() > restoredAt, "replayed only entries after the snapshot");
        }
    }

    /** Creates a service and {@code n} more entries of task creations and status updates. */
    private void writeSomeHistory(RaftNode node, MemoryStore store, int n) {
        Service web = fx.service("web-" + n, n);
        Await.result(node.proposer().propose(Proposal.atomic(new StoreAction.Create(web))));
        for (int i = 1; i <= n; i++) {
            Task t = fx.task(web, i);
            Await.result(node.proposer().propose(Proposal.atomic(new StoreAction.Create(t))));
            Await.result(node.proposer().propose(Proposal.each(List.of(new StoreAction.UpdateTaskStatus(t.id(),
                    TaskStatus.of(Fixtures.now(), TaskState.RUNNING, "started"))))));
        }
        Service s = store.view(tx -> tx.service(web.id()));
        Await.result(node.proposer().propose(Proposal.atomic(new StoreAction.Update(s.withSpec(s.spec())))));
    }

    private long latestSnapshotIndex() {
        try (Stream<Path> files = Files.walk(dataDir.resolve("raft"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("snapshot\\.\\d+_\\d+"))
                    .mapToLong(name -> Long.parseLong(name.substring(name.indexOf('_') + 1)))
                    .max().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    static void assertSameContents(StoreSnapshot expected, StoreSnapshot actual) {
        assertEquals(new HashSet<>(expected.services()), new HashSet<>(actual.services()));
        assertEquals(new HashSet<>(expected.tasks()), new HashSet<>(actual.tasks()));
        assertEquals(new HashSet<>(expected.nodes()), new HashSet<>(actual.nodes()));
        assertEquals(expected.cluster(), actual.cluster());
        assertEquals(expected.index(), actual.index());
    }
}
