package dev.shoal.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.store.CommitResult;
import dev.shoal.store.MemoryStore;
import dev.shoal.store.Proposal;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreError;
import dev.shoal.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manager that loses its quorum for longer than a proposal may wait: its writes are refused with the
 * quorum message, the refused write is not replayed later, and once the other managers are back it proposes
 * again (Ratis closes a client's ordered stream for good after one request gave up; the proposer must renew it).
 */
class QuorumLossRaftTest {
    @TempDir Path root;

    private final Fixtures fx = new Fixtures();
    private final Map<String, RaftNode> nodes = new LinkedHashMap<>();
    private final RaftSettings settings = TestPeers.fastSettings().withProposalTimeout(Duration.ofSeconds(2));
    private List<ManagerPeer> peers;

    @AfterEach
    void stopManagers() {
        nodes.values().forEach(RaftNode::close);
    }

    private RaftNode start(ManagerPeer p) throws IOException {
        RaftNode n = RaftNode.start(TestPeers.config("cluster-q", p, peers, root.resolve(p.id()), settings),
                new MemoryStore(), LeadershipListener.NONE);
        nodes.put(p.id(), n);
        return n;
    }

    @Test
    void aManagerWithoutQuorumRefusesWritesAndProposesAgainOnceTheQuorumIsBack() throws IOException {
        peers = TestPeers.loopback(3);
        for (ManagerPeer p : peers) start(p);
        RaftNode leader = Await.value("a leader", () -> nodes.values().stream().filter(RaftNode::isLeader).findFirst().orElse(null));
        Await.result(leader.proposer().propose(Proposal.atomic(new StoreAction.Create(fx.service("before", 1)))));

        RaftNode survivor = nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
        List<ManagerPeer> others = peers.stream().filter(p -> !p.id().equals(survivor.id())).toList();
        for (ManagerPeer p : others) nodes.remove(p.id()).close();

        // Refused with the quorum message, twice: the second proposal is made after the first one's give-up,
        // when Ratis has closed the client's ordered stream.
        for (String name : List.of("refused-1", "refused-2")) {
            StoreException e = assertThrows(StoreException.class,
                    () -> Await.result(survivor.proposer().propose(Proposal.atomic(new StoreAction.Create(fx.service(name, 1))))));
            assertEquals(StoreError.Code.UNAVAILABLE, e.code());
            assertTrue(e.getMessage().contains("is a quorum of managers up?"), e.getMessage());
        }

        for (ManagerPeer p : others) start(p);
        CommitResult after = Await.value("a write accepted through the manager that had lost its quorum", () -> {
            try {
                return Await.result(survivor.proposer().propose(Proposal.atomic(new StoreAction.Create(fx.service("after", 1)))));
            } catch (StoreException notYet) {
                return null;
            }
        });
        assertTrue(after.ok());
        MemoryStore replica = survivor.store();
        assertNotNull(replica.view(tx -> tx.serviceByName("after")));
        assertNotNull(replica.view(tx -> tx.serviceByName("before")));
        // The refused writes were given up by the client, not kept for the quorum's return.
        assertNull(replica.view(tx -> tx.serviceByName("refused-1")));
        assertNull(replica.view(tx -> tx.serviceByName("refused-2")));
    }
}
