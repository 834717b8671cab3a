package dev.shoal.manager.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.NodeState;
import dev.shoal.protocol.AgentMessage;
import dev.shoal.store.CommitResult;
import dev.shoal.store.MemoryStore;
import dev.shoal.store.Proposal;
import dev.shoal.store.Proposer;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.testutil.Fixtures;
import dev.shoal.testutil.MutableClock;
import dev.shoal.testutil.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Registration never waits for a commit on the caller's (network) thread, and many registrations share a commit. */
class DispatcherRegistrationTest {
    private static final int NODES = 50;

    /** A proposer whose commits wait until the test opens the gate. */
    private static final class GatedProposer implements Proposer {
        private final MemoryStore memory;
        private final List<Proposal> proposed = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Void> gate = new CompletableFuture<>();
        private long index;

        GatedProposer(MemoryStore memory) {
            this.memory = memory;
            this.index = memory.lastIndex();
        }

        @Override
        public CompletableFuture<CommitResult> propose(Proposal p) {
            proposed.add(p);
            return gate.thenApply(v -> {
                synchronized (this) {
                    return memory.apply(++index, p);
                }
            });
        }
    }


    @Test
    void registrationsWaitingForACommitAreWrittenTogetherAndAnsweredOnceCommitted() {
        MemoryStore memory = new MemoryStore();
        List<StoreAction> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) nodes.add(new StoreAction.Create(Fixtures.withState(Fixtures.node("n" + i), NodeState.DOWN)));
        memory.apply(1, Proposal.atomic(nodes));
        GatedProposer proposer = new GatedProposer(memory);
        Dispatcher d = new Dispatcher(new Store(memory, proposer), new MutableClock(), Duration.ofSeconds(1), Duration.ofSeconds(30));
        d.start();
        try {
            List<RecordingAgentSession> sessions = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                RecordingAgentSession s = new RecordingAgentSession();
                sessions.add(s);
                // returns although no commit can complete yet: the caller is a network thread
                d.onMessage(s, new AgentMessage.Register("n" + i, null));
            }
            RecordingAgentSession stranger = new RecordingAgentSession();
            d.onMessage(stranger, new AgentMessage.Register("nobody", null));
            assertTrue(sessions.stream().noneMatch(RecordingAgentSession::registered), "no session is answered before its node is READY");

            proposer.gate.complete(null);
            Wait.until("the unknown node refused", () -> !stranger.open);
            assertTrue(stranger.sent.get(0) instanceof AgentMessage.Refused r && r.reason().contains("not part of this swarm"));
            Wait.until("every session registered", () -> sessions.stream().allMatch(RecordingAgentSession::registered));
            assertTrue(proposer.proposed.size() <= 2, "50 registrations in at most 2 log entries, not " + proposer.proposed.size());
            for (int i = 0; i < NODES; i++) {
                String id = "n" + i;
                assertEquals(NodeState.READY, memory.view(tx -> tx.node(id).status().state()));
                assertEquals("10.0.0.9", memory.view(tx -> tx.node(id).status().addr()));
            }
            assertTrue(sessions.get(0).sent.get(1) instanceof AgentMessage.Assignments a && a.full(), "then its full task set");
        } finally {
            d.close();
        }
    }

    @Test
    void aNodeChangedWhileItsWriteWasInFlightIsWrittenAgain() {
        MemoryStore memory = new MemoryStore();
        memory.apply(1, Proposal.atomic(new StoreAction.Create(Fixtures.withState(Fixtures.node("n1"), NodeState.DOWN))));
        Proposer local = new dev.shoal.store.LocalProposer(memory);
        boolean[] raced = {false};
        Proposer racy = p -> {
            if (!raced[0]) {
                raced[0] = true; // a user labels the node just before the READY write commits
                var n = memory.view(tx -> tx.node("n1"));
                local.propose(Proposal.atomic(new StoreAction.Update(n.withSpec(n.spec().withLabels(java.util.Map.of("zone", "a"))))));
            }
            return local.propose(p);
        };
        Dispatcher d = new Dispatcher(new Store(memory, racy), new MutableClock(), Duration.ofSeconds(1), Duration.ofSeconds(30));
        d.start();
        try {
            RecordingAgentSession s = new RecordingAgentSession();
            d.onMessage(s, new AgentMessage.Register("n1", null));
            Wait.until("registered", s::registered);
            var n = memory.view(tx -> tx.node("n1"));
            assertEquals(NodeState.READY, n.status().state());
            assertEquals("a", n.spec().labels().get("zone"), "the user's change is kept");
        } finally {
            d.close();
        }
    }

    @Test
    void aSessionWhoseRegistrationIsPendingWhenTheLeaderStepsDownIsClosedNotAnsweredByADeadDispatcher() {
        MemoryStore memory = new MemoryStore();
        memory.apply(1, Proposal.atomic(new StoreAction.Create(Fixtures.withState(Fixtures.node("n1"), NodeState.DOWN)),
                new StoreAction.Create(Fixtures.withState(Fixtures.node("n2"), NodeState.DOWN))));
        GatedProposer proposer = new GatedProposer(memory);
        Dispatcher d = new Dispatcher(new Store(memory, proposer), new MutableClock(), Duration.ofSeconds(1), Duration.ofSeconds(30));
        d.start();
        RecordingAgentSession inFlight = new RecordingAgentSession();
        d.onMessage(inFlight, new AgentMessage.Register("n1", null));
        Wait.until("n1's write in flight", () -> !proposer.proposed.isEmpty());
        RecordingAgentSession queued = new RecordingAgentSession();
        d.onMessage(queued, new AgentMessage.Register("n2", null));
        d.close();
        proposer.gate.complete(null);
        Wait.until("both sessions closed", () -> !inFlight.open && !queued.open);
        assertTrue(inFlight.sent.stream().noneMatch(m -> m instanceof AgentMessage.Registered));
        assertTrue(queued.sent.stream().noneMatch(m -> m instanceof AgentMessage.Registered));
        RecordingAgentSession late = new RecordingAgentSession();
        d.onMessage(late, new AgentMessage.Heartbeat());
        assertTrue(!late.open, "a closed dispatcher closes whatever still talks to it");
    }
}
