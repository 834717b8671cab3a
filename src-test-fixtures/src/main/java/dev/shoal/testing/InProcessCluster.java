package dev.shoal.testing;

import dev.shoal.agent.Agent;
import dev.shoal.executor.EngineInfo;
import dev.shoal.api.InitRequest;
import dev.shoal.daemon.Daemon;
import dev.shoal.daemon.DaemonConfig;
import dev.shoal.manager.controlapi.ControlApi;
import dev.shoal.model.Ids;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeRole;
import dev.shoal.model.NodeSpec;
import dev.shoal.model.NodeState;
import dev.shoal.model.NodeStatus;
import dev.shoal.model.Version;
import dev.shoal.security.ClusterCa;
import dev.shoal.security.NodeCredentials;
import dev.shoal.security.TlsContexts;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Shoal cluster in one JVM for tests: one real manager daemon (control API, Ratis store on disk,
 * leader loops, dispatcher over loopback Netty) and any number of worker agents, each running its
 * tasks on its own {@link FakeEngine}. Workers are admitted by writing their node into the store, as
 * the join path will. Not thread-safe; one test drives it.
 */
public final class InProcessCluster implements AutoCloseable {
    private final Path dataDir;
    private final DaemonConfig config;
    private final FakeEngine managerEngine;
    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private final Ids ids = new Ids();
    private Daemon manager;

    /** One worker: its node id, its agent and its engine. */
    public record Worker(String nodeId, String hostname, FakeEngine engine, Agent agent) {}

    private InProcessCluster(Path dataDir, Duration heartbeatGrace) {
        this.dataDir = dataDir;
        FreePorts ports = new FreePorts();
        int api = ports.next();
        int cluster = ports.pair();
        this.config = new DaemonConfig(dataDir, new InetSocketAddress("127.0.0.1", api), new InetSocketAddress("127.0.0.1", cluster),
                "127.0.0.1", "manager-1", null, Duration.ofMillis(200), heartbeatGrace);
        this.managerEngine = new FakeEngine(FakeEngine.info("manager-1", 4, 8L << 30)).acceptAnyImage(true);
    }

    /** Starts a manager in {@code dataDir} and initialises a swarm on it. */
    public static InProcessCluster start(Path dataDir, Duration heartbeatGrace) throws IOException {
        InProcessCluster c = new InProcessCluster(dataDir, heartbeatGrace);
        c.manager = new Daemon(c.config, c.managerEngine, Clock.systemUTC()).start();
        c.manager.initSwarm(InitRequest.DEFAULTS);
        return c;
    }

    /** Adds a worker node with its own fake engine and waits until its agent has registered. */
    public Worker addWorker(String hostname) { return addWorker(hostname, FakeEngine.info(hostname, 4, 8L << 30)); }

    /** Adds a worker whose fake engine reports {@code info} (its CPUs, memory, generic resources), and waits until it has registered. */
    public Worker addWorker(String hostname, EngineInfo info) {
        String nodeId = ids.next();
        Instant now = Instant.now();
        store().commit(Proposal.atomic(new StoreAction.Create(new Node(nodeId, Version.NONE, now, now,
                new NodeSpec(hostname, null, NodeRole.WORKER, NodeAvailability.ACTIVE), null,
                new NodeStatus(NodeState.UNKNOWN, null, "127.0.0.1"), null))));
        FakeEngine engine = new FakeEngine(info).acceptAnyImage(true);
        Agent agent = new Agent(nodeId, dispatcherAddress(), engine, Clock.systemUTC(), hostname,
                TlsContexts.client(credentialsFor(nodeId, nodeId))).start();
        Worker w = new Worker(nodeId, hostname, engine, agent);
        workers.put(nodeId, w);
        Wait.until("worker " + hostname + " registers", agent::isRegistered);
        return w;
    }

    /** The manager's agent port, where agents open their sessions. */
    public String dispatcherAddress() { return "127.0.0.1:" + config.listenAddr().getPort(); }

    /**
     * Credentials signed by the cluster's CA for a worker certificate naming {@code certifiedNodeId}; a test
     * may give an agent a certificate for another node than the one it claims to be.
     */
    public NodeCredentials credentialsFor(String nodeId, String certifiedNodeId) {
        try {
            ClusterCa ca = NodeCredentials.loadCa(dataDir);
            String clusterId = store().view(tx -> tx.cluster().id());
            return NodeCredentials.issue(ca, certifiedNodeId, "swarm-worker", clusterId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops a worker's agent as if its host died; its fake containers stay as they were. */
    public void killWorker(Worker w) {
        w.agent().close();
        workers.remove(w.nodeId());
    }

    /**
     * Brings a killed worker back: a new agent for the same node on the same fake engine (its containers
     * as the dead agent left them), and waits until it has registered.
     */
    public Worker reviveWorker(Worker dead) {
        Agent agent = new Agent(dead.nodeId(), dispatcherAddress(), dead.engine(), Clock.systemUTC(), dead.hostname(),
                TlsContexts.client(credentialsFor(dead.nodeId(), dead.nodeId()))).start();
        Worker w = new Worker(dead.nodeId(), dead.hostname(), dead.engine(), agent);
        workers.put(w.nodeId(), w);
        Wait.until("worker " + w.hostname() + " registers again", agent::isRegistered);
        return w;
    }

    /** Stops the manager daemon and starts it again on the same data dir and ports. */
    public void restartManager() throws IOException {
        manager.close();
        manager = new Daemon(config, managerEngine, Clock.systemUTC()).start();
    }

    public Daemon manager() { return manager; }

    public FakeEngine managerEngine() { return managerEngine; }

    public String managerNodeId() { return manager.nodeId(); }

    public List<Worker> workers() { return new ArrayList<>(workers.values()); }

    public ControlApi api() {
        return manager.controlApi().orElseThrow(() -> new IllegalStateException("the manager has no control API"));
    }

    public Store store() {
        return manager.store().orElseThrow(() -> new IllegalStateException("the manager has no store"));
    }

    /** Every fake container on every engine of the cluster. */
    public List<FakeEngine.Container> allContainers() {
        List<FakeEngine.Container> all = new ArrayList<>(managerEngine.containers());
        for (Worker w : workers.values()) all.addAll(w.engine().containers());
        return all;
    }

    @Override
    public void close() {
        for (Worker w : workers.values()) w.agent().close();
        workers.clear();
        if (manager != null) manager.close();
    }

    public Path dataDir() { return dataDir; }
}
