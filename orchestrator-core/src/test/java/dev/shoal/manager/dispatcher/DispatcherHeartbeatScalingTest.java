package dev.shoal.manager.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Agents are given a longer heartbeat period (and a grace in proportion) once the cluster outgrows the leader's heartbeat budget. */
class DispatcherHeartbeatScalingTest {
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration GRACE = Duration.ofSeconds(4);


    @Test
    void thePeriodAndTheGraceGrowWithTheNodesBeyondTheBudget() {
        Dispatcher d = new Dispatcher(new Store(new MemoryStore(), null), new MutableClock(), PERIOD, GRACE);
        assertEquals(PERIOD, d.periodFor(3));
        assertEquals(PERIOD, d.periodFor(Dispatcher.MAX_HEARTBEATS_PER_SECOND));
        assertEquals(GRACE, d.graceFor(d.periodFor(Dispatcher.MAX_HEARTBEATS_PER_SECOND)));
        Duration big = d.periodFor(10 * Dispatcher.MAX_HEARTBEATS_PER_SECOND);
        assertEquals(Duration.ofSeconds(10), big);
        assertEquals(Duration.ofSeconds(40), d.graceFor(big), "the same number of missed heartbeats");
    }

    @Test
    void anAgentOfABigClusterIsToldTheLongerPeriodAndIsNotMarkedDownWithinItsGrace() {
        int nodes = 3 * Dispatcher.MAX_HEARTBEATS_PER_SECOND; // a 3 s period, a 12 s grace
        MemoryStore memory = new MemoryStore();
        List<StoreAction> creates = new ArrayList<>();
        for (int i = 0; i < nodes; i++) creates.add(new StoreAction.Create(Fixtures.withState(Fixtures.node("n" + i), NodeState.DOWN)));
        memory.apply(1, Proposal.atomic(creates));
        MutableClock clock = new MutableClock();
        Dispatcher d = new Dispatcher(new Store(memory, new LocalProposer(memory)), clock, PERIOD, GRACE);
        d.start();
        try {
            RecordingAgentSession s = new RecordingAgentSession();
            d.onMessage(s, new AgentMessage.Register("n0", null));
            Wait.until("n0 registered", () -> s.sent.stream().anyMatch(m -> m instanceof AgentMessage.Registered));
            AgentMessage.Registered r = (AgentMessage.Registered) s.sent.stream()
                    .filter(m -> m instanceof AgentMessage.Registered).findFirst().orElseThrow();
            assertEquals(3000, r.heartbeatPeriodMillis());
            // silent for longer than the configured grace but within the scaled one: still READY
            clock.advance(Duration.ofSeconds(8));
            d.expireSilentNodes(); // what the heartbeat timer does at each tick
            assertEquals(NodeState.READY, memory.view(tx -> tx.node("n0").status().state()));
            assertTrue(s.open);
            clock.advance(Duration.ofSeconds(5)); // 13 s: past the 12 s grace
            Wait.until("n0 marked down after its scaled grace", () -> memory.view(tx -> tx.node("n0").status().state()) == NodeState.DOWN);
        } finally {
            d.close();
        }
    }
}
