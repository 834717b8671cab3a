package dev.shoal.sim;

import dev.shoal.agent.Agent;
import dev.shoal.executor.ContainerEngine;
import dev.shoal.model.Ids;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeRole;
import dev.shoal.model.NodeSpec;
import dev.shoal.model.NodeState;
import dev.shoal.model.NodeStatus;
import dev.shoal.model.Version;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.testing.FakeEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated nodes: each a real {@link Agent} speaking the agent protocol over loopback to a
 * manager's dispatcher, running its tasks on its own {@link FakeEngine} (any image; containers run
 * after the configured start delay). Nodes are admitted by writing them into the store, as the
 * in-process test cluster does. Not thread-safe; the simulator drives it.
 */
final class SimAgents implements AutoCloseable {
    /** Nodes admitted per proposal. */
    private static final int ADMIT_BATCH = 1000;

    private final List<Agent> agents = new ArrayList<>();

    /** Writes {@code count} worker nodes into the store through {@code store}; returns their ids. */
    static List<String> admit(Store store, int count) {
        Ids ids = new Ids();
        Instant now = Instant.now();
        List<String> out = new ArrayList<>(count);
        List<StoreAction> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = ids.next();
            out.add(id);
            batch.add(new StoreAction.Create(new Node(id, Version.NONE, now, now,
                    new NodeSpec(hostname(i), null, NodeRole.WORKER, NodeAvailability.ACTIVE), null,
                    new NodeStatus(NodeState.UNKNOWN, null, "127.0.0.1"), null)));
            if (batch.size() == ADMIT_BATCH || i == count - 1) {
                store.commit(Proposal.atomic(batch));
                batch = new ArrayList<>();
            }
        }
        return out;
    }

    static String hostname(int i) { return String.format("sim-node-%05d", i); }

    /** Starts one agent per node id, all pointed at {@code dispatcher}; returns at once. */
    void start(List<String> nodeIds, String dispatcher, Duration startDelay, AgentFactory factory) {
        start(nodeIds, 0, dispatcher, startDelay, factory);
    }

    /** As {@link #start(List, String, Duration, AgentFactory)}; the first node is the simulation's {@code firstIndex}th (its hostname). */
    void start(List<String> nodeIds, int firstIndex, String dispatcher, Duration startDelay, AgentFactory factory) {
        for (int i = 0; i < nodeIds.size(); i++) {
            String host = hostname(firstIndex + i);
            FakeEngine fake = new FakeEngine(FakeEngine.info(host, 4, 8L << 30)).acceptAnyImage(true);
            ContainerEngine engine = startDelay.isZero() ? fake : new SlowStartEngine(fake, startDelay);
            agents.add(factory.create(nodeIds.get(i), dispatcher, engine, Clock.systemUTC(), host).start());
        }
    }

    /** How many agents hold an open session. */
    int registered() {
        int n = 0;
        for (Agent a : agents) if (a.isRegistered()) n++;
        return n;
    }

    int size() { return agents.size(); }

    @Override
    public void close() {
        for (Agent a : agents) a.close();
        agents.clear();
    }

    /** Makes one agent; the simulator chooses whether agents share threads. */
    @FunctionalInterface
    interface AgentFactory {
        Agent create(String nodeId, String dispatcher, ContainerEngine engine, Clock clock, String hostname);
    }
}
