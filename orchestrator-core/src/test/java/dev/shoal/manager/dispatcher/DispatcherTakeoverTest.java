package dev.shoal.manager.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.model.NodeState;
import dev.shoal.protocol.AgentMessage;
import dev.shoal.store.LocalProposer;
import dev.shoal.store.MemoryStore;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.testutil.Fixtures;
import dev.shoal.testutil.MutableClock;
import dev.shoal.testutil.Wait;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A dispatcher taking over from another leader gives the nodes that were up twice the grace to register
 * with it (every agent reconnects at once after a leader change), as SwarmKit does; a node that has
 * registered, or that was not up, is held to the normal grace.
 */
class DispatcherTakeoverTest {
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration GRACE = Duration.ofSeconds(4);

    @Test
    void nodesUpUnderThePreviousLeaderGetTwiceTheGraceToComeBack() {
        MemoryStore memory = new MemoryStore();
        memory.apply(1, Proposal.atomic(List.of(
                new StoreAction.Create(Fixtures.withState(Fixtures.node("back"), NodeState.READY)),
                new StoreAction.Create(Fixtures.withState(Fixtures.node("gone"), NodeState.READY)))));
        MutableClock clock = new MutableClock();
        Dispatcher d = new Dispatcher(new Store(memory, new LocalProposer(memory)), clock, PERIOD, GRACE);
        d.start();
        try {
            RecordingAgentSession back = new RecordingAgentSession();
            d.onMessage(back, new AgentMessage.Register("back", null));
            Wait.until("back registered", () -> back.sent.stream().anyMatch(m -> m instanceof AgentMessage.Registered));

            // One grace and a bit: the registered node, silent since, is down; the other one still has time.
            clock.advance(GRACE.plusSeconds(1));
            d.expireSilentNodes();
            Wait.until("back marked down after one grace", () -> state(memory, "back") == NodeState.DOWN);
            assertEquals(NodeState.READY, state(memory, "gone"), "a node up under the previous leader waits twice the grace");

            clock.advance(GRACE); // twice the grace and a bit
            d.expireSilentNodes();
            Wait.until("gone marked down after twice the grace", () -> state(memory, "gone") == NodeState.DOWN);
        } finally {
            d.close();
        }
    }

    private static NodeState state(MemoryStore memory, String node) {
        return memory.view(tx -> tx.node(node).status().state());
    }
}
