package dev.shoal.manager.controlapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.shoal.model.ManagerStatus;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeRole;
import dev.shoal.model.NodeSpec;
import dev.shoal.model.NodeState;
import dev.shoal.model.NodeStatus;
import dev.shoal.model.Reachability;
import dev.shoal.model.Version;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** MANAGER STATUS as the serving manager sees its Raft group now, over what its (possibly stale) store recorded. */
class LiveManagerStatusTest {
    private static Node manager(String id, boolean leader, Reachability r) {
        Instant t = Instant.parse("2026-11-27T00:00:00Z");
        return new Node(id, Version.NONE, t, t, new NodeSpec(id, null, NodeRole.MANAGER, NodeAvailability.ACTIVE), null,
                new NodeStatus(NodeState.READY, null, "10.0.0.1"), new ManagerStatus(leader, r, "10.0.0.1:2377"));
    }

    private static RaftView view(String self, String leader) {
        return new RaftView() {
            @Override
            public String selfId() { return self; }

            @Override
            public String leaderId() { return leader; }
        };
    }

    @Test
    void theLeaderThisManagerKnowsIsTheLeaderWhateverTheStoreLastRecorded() {
        // m1 led when this replica last heard; m2 leads now.
        RaftView now = view("m3", "m2");
        Node m1 = LiveManagerStatus.of(manager("m1", true, Reachability.REACHABLE), now);
        Node m2 = LiveManagerStatus.of(manager("m2", false, Reachability.REACHABLE), now);
        assertEquals(new ManagerStatus(false, Reachability.REACHABLE, "10.0.0.1:2377"), m1.managerStatus(),
                "a non-leader keeps the reachability the leader recorded");
        assertEquals(new ManagerStatus(true, Reachability.REACHABLE, "10.0.0.1:2377"), m2.managerStatus());
    }

    @Test
    void aManagerThatKnowsNoLeaderShowsNoneAndCannotVouchForTheOthers() {
        // The old leader, cut off: its store still says it leads.
        RaftView alone = view("m1", null);
        assertEquals(new ManagerStatus(false, Reachability.REACHABLE, "10.0.0.1:2377"),
                LiveManagerStatus.of(manager("m1", true, Reachability.REACHABLE), alone).managerStatus());
        assertEquals(new ManagerStatus(false, Reachability.UNREACHABLE, "10.0.0.1:2377"),
                LiveManagerStatus.of(manager("m2", false, Reachability.REACHABLE), alone).managerStatus());
    }

    @Test
    void workersAndAgreeingRecordsAreLeftAsTheyAre() {
        Node leader = manager("m1", true, Reachability.REACHABLE);
        assertSame(leader, LiveManagerStatus.of(leader, view("m1", "m1")));
        Node worker = manager("w1", false, Reachability.REACHABLE).withManagerStatus(null);
        assertNull(LiveManagerStatus.of(worker, view("m1", "m1")).managerStatus());
        assertSame(leader, LiveManagerStatus.of(leader, null));
    }
}
