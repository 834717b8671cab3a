package dev.shoal.api;

import dev.shoal.manager.controlapi.ApiException;
import dev.shoal.manager.controlapi.ControlApi;
import dev.shoal.model.Cluster;
import dev.shoal.model.ClusterSpec;
import dev.shoal.model.JoinTokens;
import dev.shoal.model.Version;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A node whose swarm init commits a cluster object to a local store and makes it a manager. Thread-safe. */
final class FakeLocalNode implements LocalNode {
    static final String NODE_ID = "node0000000000000000000001";

    final Store store = Store.local();
    private final AtomicReference<ControlApi> api = new AtomicReference<>();
    /** The thread the last init ran on, to check handlers run off the event loop. */
    final AtomicReference<String> initThread = new AtomicReference<>();

    @Override
    public SwarmInfo info() {
        ControlApi a = api.get();
        if (a == null) return SwarmInfo.inactive();
        return new SwarmInfo(NODE_ID, "127.0.0.1", LocalNodeState.ACTIVE, true, null, a.listNodes().size(), 1,
                ClusterInfo.of(a.cluster()));
    }

    @Override
    public synchronized String initSwarm(InitRequest request) {
        initThread.set(Thread.currentThread().getName());
        if (api.get() != null) {
            throw ApiException.unavailable("This node is already part of a swarm. Use \"swarmctl swarm leave\" to leave this swarm and join another one.");
        }
        if ("bad".equals(request.advertiseAddr())) throw ApiException.invalid("invalid advertise address \"bad\"");
        store.commit(Proposal.atomic(new StoreAction.Create(new Cluster("cluster1", Version.NONE, Instant.EPOCH, Instant.EPOCH,
                new ClusterSpec("default", null, null), new JoinTokens("SWMTKN-w", "SWMTKN-m")))));
        api.set(new ControlApi(store, Clock.systemUTC()));
        return NODE_ID;
    }

    @Override
    public String joinSwarm(JoinRequest request) {
        throw ApiException.invalid("invalid join token: it must start with SWMTKN-1-");
    }

    @Override
    public void leaveSwarm(boolean force) {
        throw ApiException.unavailable("This node is not part of a swarm");
    }

    @Override
    public Optional<ControlApi> controlApi() { return Optional.ofNullable(api.get()); }
}
