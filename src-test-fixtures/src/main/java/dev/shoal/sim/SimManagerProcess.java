package dev.shoal.sim;

import dev.shoal.manager.controlapi.ControlApi;
import dev.shoal.model.Cluster;
import dev.shoal.model.ClusterSpec;
import dev.shoal.model.Ids;
import dev.shoal.model.JoinTokens;
import dev.shoal.model.Version;
import dev.shoal.raft.ManagerPeer;
import dev.shoal.store.Proposal;
import dev.shoal.store.StoreAction;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated manager in its own JVM (its own heap, GC and Raft log dir), as a real host would run
 * it: a {@link SimManager} driven over {@link SimChildLoop} by the simulator. Arguments: the peer's id,
 * the cluster id, the data dir, then {@code id=raftAddress=dispatcherAddress} for every peer (this one
 * included). Commands: {@code leads}, {@code init} (writes the cluster object), {@code admit N} (node
 * ids, comma-separated), {@code services T S}, {@code progress} ({@code tasks placed running} in this
 * replica), {@code heap} (used bytes after full collections), {@code raft-bytes}, {@code exit}.
 */
public final class SimManagerProcess {
    /** System property: the Raft election timeout's lower bound in milliseconds (absent: the product's default). */
    static final String ELECTION_TIMEOUT_PROPERTY = "shoal.sim.electionTimeoutMs";

    private SimManagerProcess() {}

    /** Runs one manager until {@code exit} or the end of stdin; exits with 1 if it fails. */
    public static void main(String[] args) {
        SimChildLoop.exitAfter(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        String self = args[0];
        String clusterId = args[1];
        Path dataDir = Path.of(args[2]);
        List<ManagerPeer> peers = new ArrayList<>();
        Map<String, String> dispatchers = new HashMap<>();
        ManagerPeer me = null;
        for (int i = 3; i < args.length; i++) {
            String[] p = args[i].split("=");
            ManagerPeer peer = new ManagerPeer(p[0], p[1]);
            peers.add(peer);
            dispatchers.put(p[0], p[2]);
            if (p[0].equals(self)) me = peer;
        }
        if (me == null) throw new IllegalArgumentException(self + " is not among the peers");
        String dispatcher = dispatchers.get(self);
        int dispatcherPort = Integer.parseInt(dispatcher.substring(dispatcher.lastIndexOf(':') + 1));
        Clock clock = Clock.systemUTC();
        String election = System.getProperty(ELECTION_TIMEOUT_PROPERTY);
        try (SimManager m = new SimManager(me, dataDir, clock, ShoalSim.HEARTBEAT, ShoalSim.GRACE,
                election == null ? null : Duration.ofMillis(Long.parseLong(election)))) {
            m.start(clusterId, peers, dispatchers::get, dispatcherPort);
            Map<String, SimChildLoop.Command> commands = new LinkedHashMap<>();
            commands.put("leads", a -> Boolean.toString(m.leads()));
            commands.put("init", a -> {
                Instant now = clock.instant();
                Ids ids = new Ids();
                m.store().commit(Proposal.atomic(new StoreAction.Create(new Cluster(clusterId, Version.NONE, now, now,
                        new ClusterSpec("default", null, null), new JoinTokens(ids.next(), ids.next())))));
                return "ok";
            });
            commands.put("admit", a -> String.join(",", SimAgents.admit(m.store(), Integer.parseInt(a[0]))));
            commands.put("services", a -> {
                ShoalSim.createServices(new ControlApi(m.store(), clock), Integer.parseInt(a[0]), Integer.parseInt(a[1]));
                return "ok";
            });
            ProgressCounter[] counter = {null}; // started on the first ask: only the replica that is asked pays for it
            commands.put("progress", a -> {
                if (counter[0] == null) counter[0] = new ProgressCounter(m.memory());
                Progress p = counter[0].now();
                return p.tasks() + " " + p.placed() + " " + p.running();
            });
            commands.put("heap", a -> Long.toString(HeapMeter.usedAfterGc()));
            commands.put("raft-bytes", a -> Long.toString(ShoalSim.sizeOf(m.raftDir())));
            SimChildLoop.serve(commands);
        }
    }

    /** The command-line argument describing one peer. */
    static String peerArg(String id, String raftAddress, String dispatcherAddress) {
        return id + "=" + raftAddress + "=" + dispatcherAddress;
    }

}
