package dev.shoal.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import dev.shoal.store.CommitResult;
import dev.shoal.store.MemoryStore;
import dev.shoal.store.Proposal;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreError;
import dev.shoal.store.StoreEvent;
import dev.shoal.store.Subscription;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three managers in one JVM on loopback ports: replication, failover and identical conflict handling. */
class ThreePeerRaftTest {
    @TempDir Path root;

    private final Fixtures fx = new Fixtures();
    private final Map<String, RaftNode> nodes = new LinkedHashMap<>();
    private final Map<String, MemoryStore> stores = new LinkedHashMap<>();

    @BeforeEach
    void startThreeManagers() throws IOException {
        List<ManagerPeer> peers = TestPeers.loopback(3);
        for (ManagerPeer p : peers) {
            MemoryStore store = new MemoryStore();
            RaftNodeConfig cfg = TestPeers.config("cluster-3", p, peers, root.resolve(p.id()), TestPeers.fastSettings());
            stores.put(p.id(), store);
            nodes.put(p.id(), RaftNode.start(cfg, store, LeadershipListener.NONE));
        }
    }

    @AfterEach
    void stopManagers() {
        nodes.values().forEach(RaftNode::close);
    }

    private RaftNode leader() {
        return Await.value("a leader to be elected", () -> nodes.values().stream()
                .filter(RaftNode::isLeader).findFirst().orElse(null));
    }

    private void awaitReplicated(long index) {
        for (Map.Entry<String, MemoryStore> e : stores.entrySet()) {
            if (!nodes.containsKey(e.getKey())) continue;
            Await.until(e.getKey() + " to apply index " + index, () -> e.getValue().lastIndex() >= index);
        }
    }

    @Test
    void aJoiningManagerIsAddedCatchesUpAndCanBeRemovedAgain() throws IOException {
        RaftNode leader = leader();
        Service web = fx.service("web", 1);
        CommitResult r = Await.result(leader.proposer().propose(Proposal.atomic(new StoreAction.Create(web))));
        List<ManagerPeer> current = leader.managers();
        ManagerPeer fourth = new ManagerPeer("manager4", TestPeers.loopback(1).get(0).address());
        List<ManagerPeer> all = new ArrayList<>(current);
        all.add(fourth);
        MemoryStore store = new MemoryStore();
        RaftNode joiner = RaftNode.start(TestPeers.config("cluster-3", fourth, all, root.resolve("manager4"), TestPeers.fastSettings())
                .asJoining(), store, LeadershipListener.NONE);
        nodes.put(fourth.id(), joiner);
        stores.put(fourth.id(), store);
        joiner.addManager(fourth); // through the joiner's own client, as a joining daemon does
        assertEquals(4, leader.managers().size());
        Await.until("the new manager to catch up", () -> store.lastIndex() >= r.index());
        assertEquals("web", store.view(tx -> tx.service(web.id())).spec().name());
        CommitResult later = Await.result(leader.proposer().propose(Proposal.atomic(new StoreAction.Create(fx.service("api", 1)))));
        awaitReplicated(later.index());

        leader.removeManager(leader.managers(), fourth.id());
        assertEquals(3, leader.managers().size());
    }

    @Test
    void writesReplicateToEveryManager() {
        RaftNode leader = leader();
        Service web = fx.service("web", 3);
        CommitResult r = Await.result(leader.proposer().propose(Proposal.atomic(
                new StoreAction.Create(web), new StoreAction.Create(fx.task(web, 1)), new StoreAction.Create(fx.task(web, 2)))));
        assertTrue(r.ok());
        awaitReplicated(r.index());
        for (Map.Entry<String, MemoryStore> e : stores.entrySet()) {
            MemoryStore s = e.getValue();
            assertEquals(r.index(), s.view(tx -> tx.service(web.id())).version().index(), e.getKey());
            assertEquals(2, s.view(tx -> tx.tasksOfService(web.id())).size(), e.getKey());
        }
        // every manager agrees on who leads
        for (RaftNode n : nodes.values()) {
            Await.until(n.id() + " to know the leader", () -> leader.id().equals(n.leaderId()));
        }
    }

    @Test
    void aFollowerProposesThroughTheLeaderAndSeesItsOwnWrite() {
        RaftNode leader = leader();
        RaftNode follower = nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
        Service web = fx.service("api", 1);
        CommitResult r = Await.result(follower.proposer().propose(Proposal.atomic(new StoreAction.Create(web))));
        assertTrue(r.ok());
        // the proposer's future completes only once the follower's own replica has applied the entry
        assertEquals(r.index(), stores.get(follower.id()).view(tx -> tx.service(web.id())).version().index());
        Await.result(follower.readIndex());
    }

    @Test
    void killingTheLeaderElectsAnotherThatAcceptsWrites() {
        RaftNode old = leader();
        Service before = fx.service("before", 1);
        CommitResult first = Await.result(old.proposer().propose(Proposal.atomic(new StoreAction.Create(before))));
        awaitReplicated(first.index());

        old.close();
        nodes.remove(old.id());
        RaftNode next = Await.value("a new leader among the survivors", () -> nodes.values().stream()
                .filter(RaftNode::isLeader).findFirst().orElse(null));
        assertNotEquals(old.id(), next.id());

        Service after = fx.service("after", 1);
        CommitResult second = Await.result(next.proposer().propose(Proposal.atomic(new StoreAction.Create(after))));
        assertTrue(second.ok());
        assertTrue(second.index() > first.index());
        awaitReplicated(second.index());
        for (RaftNode n : nodes.values()) {
            MemoryStore s = stores.get(n.id());
            assertEquals(second.index(), s.view(tx -> tx.serviceByName("after")).version().index(), n.id());
            assertEquals(first.index(), s.view(tx -> tx.serviceByName("before")).version().index(), n.id());
        }
    }

    @Test
    void usersWritesAndTheLoopsWritesSentDuringTheElectionAllCommitOnceOnEverySurvivor() {
        RaftNode old = leader();
        CommitResult first = Await.result(old.controlProposer().propose(Proposal.atomic(new StoreAction.Create(fx.service("before", 1)))));
        assertTrue(first.ok());
        awaitReplicated(first.index());

        old.close();
        nodes.remove(old.id());
        // Sent at once, while the survivors know no leader yet: each proposer's client retries until one is elected
        // and ready; the users' writes (control proposer) do not share an ordered stream with the loops' writes.
        Map<String, CompletableFuture<CommitResult>> sent = new LinkedHashMap<>();
        for (RaftNode n : nodes.values()) {
            sent.put("user-" + n.id(), n.controlProposer().propose(Proposal.atomic(new StoreAction.Create(fx.service("user-" + n.id(), 1)))));
            for (int i = 0; i < 5; i++) {
                String name = "loop-" + n.id() + "-" + i;
                sent.put(name, n.proposer().propose(Proposal.atomic(new StoreAction.Create(fx.service(name, 1)))));
            }
        }
        long last = first.index();
        for (Map.Entry<String, CompletableFuture<CommitResult>> e : sent.entrySet()) {
            CommitResult r = Await.result(e.getValue());
            assertTrue(r.ok(), e.getKey());
            assertTrue(r.index() > first.index(), e.getKey());
            last = Math.max(last, r.index());
        }
        awaitReplicated(last);
        for (RaftNode n : nodes.values()) {
            MemoryStore s = stores.get(n.id());
            assertEquals(first.index(), s.view(tx -> tx.serviceByName("before")).version().index(), n.id());
            for (Map.Entry<String, CompletableFuture<CommitResult>> e : sent.entrySet()) {
                long index = e.getValue().join().index();
                assertEquals(index, (long) s.view(tx -> tx.serviceByName(e.getKey())).version().index(), n.id() + " " + e.getKey());
            }
            assertEquals(1 + sent.size(), (int) s.view(tx -> tx.services().size()), n.id());
        }
    }

    @Test
    void openingTheConnectionsBetweenManagersLeavesTheGroupWorking() {
        RaftNode leader = leader();
        CommitResult before = Await.result(leader.proposer().propose(Proposal.atomic(new StoreAction.Create(fx.service("before", 1)))));
        awaitReplicated(before.index());
        // Followers answer the read-index request at once with a refusal, the leader with its commit index. (No
        // assertion on the term: on a loaded host these test settings' short election timeouts can expire anyway.)
        for (int i = 0; i < 20; i++) nodes.values().forEach(RaftNode::warmPeerConnections);
        RaftNode follower = nodes.values().stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
        CommitResult after = Await.result(follower.controlProposer().propose(Proposal.atomic(new StoreAction.Create(fx.service("after", 1)))));
        assertTrue(after.ok());
        assertTrue(after.index() > before.index());
        awaitReplicated(after.index());
        RaftNode now = leader();
        for (RaftNode n : nodes.values()) Await.until(n.id() + " to know the leader", () -> now.id().equals(n.leaderId()));
    }

    @Test
    void aConflictingUpdateIsRejectedIdenticallyOnEveryReplica() throws InterruptedException {
        RaftNode leader = leader();
        Service web = fx.service("web", 1);
        CommitResult created = Await.result(leader.proposer().propose(Proposal.atomic(new StoreAction.Create(web))));
        awaitReplicated(created.index());

        Map<String, Subscription> subs = new LinkedHashMap<>();
        for (Map.Entry<String, MemoryStore> e : stores.entrySet()) subs.put(e.getKey(), e.getValue().watch(tx -> { }));

        Service base = stores.get(leader.id()).view(tx -> tx.service(web.id()));
        Service scaleTo2 = base.withSpec(base.spec().withMode(ServiceMode.replicated(2)));
        Service scaleTo9 = base.withSpec(base.spec().withMode(ServiceMode.replicated(9)));
        CommitResult won = Await.result(leader.proposer().propose(Proposal.atomic(new StoreAction.Update(scaleTo2))));
        CommitResult lost = Await.result(leader.proposer().propose(Proposal.atomic(new StoreAction.Update(scaleTo9))));
        assertTrue(won.ok());
        assertEquals(StoreError.Code.CONFLICT, lost.rejected().get(0).error().code());
        awaitReplicated(lost.index());

        for (Map.Entry<String, Subscription> e : subs.entrySet()) {
            List<StoreEvent> events = drainUntilCommit(e.getValue(), lost.index());
            e.getValue().close();
            // the winning update changed the service; the losing entry committed with no change at all
            assertTrue(events.contains(new StoreEvent.Commit(won.index())), e.getKey() + ": " + events);
            int lostStart = events.indexOf(new StoreEvent.Commit(won.index())) + 1;
            assertEquals(List.of(new StoreEvent.Commit(lost.index())), events.subList(lostStart, events.size()), e.getKey());
            Service s = stores.get(e.getKey()).view(tx -> tx.service(web.id()));
            assertEquals(2, s.spec().mode().replicated().replicas(), e.getKey());
            assertEquals(won.index(), s.version().index(), e.getKey());
            assertEquals(lost.index(), stores.get(e.getKey()).lastIndex(), e.getKey());
        }
    }

    private static List<StoreEvent> drainUntilCommit(Subscription sub, long index) throws InterruptedException {
        List<StoreEvent> out = new ArrayList<>();
        while (!out.contains(new StoreEvent.Commit(index))) {
            List<StoreEvent> batch = sub.next(Await.DEFAULT.toSeconds(), TimeUnit.SECONDS, 10_000);
            if (batch.isEmpty()) throw new AssertionError("no commit " + index + " after " + out);
            out.addAll(batch);
        }
        return out;
    }
}
