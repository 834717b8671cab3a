package dev.shoal.daemon;

import dev.shoal.agent.Agent;
import dev.shoal.api.ApiServer;
import dev.shoal.api.ClusterInfo;
import dev.shoal.api.InitRequest;
import dev.shoal.api.LocalNode;
import dev.shoal.api.LocalNodeState;
import dev.shoal.api.SwarmInfo;
import dev.shoal.executor.ContainerEngine;
import dev.shoal.executor.EngineException;
import dev.shoal.manager.controlapi.ApiException;
import dev.shoal.manager.controlapi.ControlApi;
import dev.shoal.model.Cluster;
import dev.shoal.model.Ids;
import dev.shoal.model.JoinTokens;
import dev.shoal.security.ClusterCa;
import dev.shoal.security.JoinToken;
import dev.shoal.security.NodeCredentials;
import dev.shoal.security.TlsContexts;
import dev.shoal.model.Node;
import dev.shoal.model.NodeRole;
import dev.shoal.store.StoreException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's {@code shoald}: the control API, the agent, and on managers the {@link ManagerRole}. It
 * starts with the API alone; {@code swarm init} creates a cluster with this node as its first manager;
 * a restart on the same data dir resumes the role recorded in {@link NodeIdentity}. Thread-safe.
 */
public final class Daemon implements LocalNode, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    private static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(30);

    private final DaemonConfig config;
    private final ContainerEngine engine;
    private final Clock clock;
    private ApiServer api;
    private volatile NodeIdentity identity;
    private volatile ManagerRole manager;
    private volatile Agent agent;
    private volatile NodeCredentials credentials;

    public Daemon(DaemonConfig config, ContainerEngine engine, Clock clock) {
        this.config = config;
        this.engine = engine;
        this.clock = clock;
    }

    /** Resumes this node's role from its data dir, if it has one, and serves the control API. */
    public synchronized Daemon start() throws IOException {
        identity = NodeIdentity.load(config.dataDir());
        if (identity != null) {
            log.info("resuming node {} ({}) of cluster {}", identity.nodeId(), identity.role().json(), identity.clusterId());
            credentials = NodeCredentials.load(config.dataDir());
            if (credentials == null) {
                throw new IOException("node " + identity.nodeId() + " has no certificates in " + config.dataDir().resolve("certificates")
                        + "; restore them, or remove " + config.dataDir() + " to start over");
            }
            if (identity.role() == NodeRole.MANAGER) {
                manager = ManagerRole.start(identity, config, clock, listenFor(identity, config.listenAddr()), credentials);
            }
            agent = startAgent(identity);
        }
        api = new ApiServer(config.apiAddr(), this);
        try {
            api.start();
        } catch (IOException e) {
            close();
            throw e;
        }
        log.info("shoald serves the control API on {}", api.boundAddress());
        return this;
    }

    public InetSocketAddress apiAddress() { return api.boundAddress(); }

    /** This node's id, or null before it joined a swarm. */
    public String nodeId() { return identity == null ? null : identity.nodeId(); }

    private Agent startAgent(NodeIdentity id) {
        return new Agent(id.nodeId(), id.dispatcherAddress(), engine, clock, config.hostname(),
                TlsContexts.client(credentials)).start();
    }

    private static InetSocketAddress listenFor(NodeIdentity id, InetSocketAddress configured) {
        return new InetSocketAddress(configured.getHostString(), id.dispatcherPort());
    }

    @Override
    public synchronized String initSwarm(InitRequest request) {
        if (identity != null) {
            throw ApiException.unavailable("This node is already part of a swarm. Use \"swarmctl swarm leave\" to leave this swarm and join another one.");
        }
        InetSocketAddress listen;
        try {
            listen = DaemonConfig.parseAddr(request.listenAddr(), config.listenAddr().getHostString(), config.listenAddr().getPort());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("--listen-addr: " + e.getMessage());
        }
        String advertise = request.advertiseAddr();
        if (advertise != null && !advertise.isBlank()) {
            try {
                advertise = DaemonConfig.parseAddr(advertise, "127.0.0.1", listen.getPort()).getHostString();
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("--advertise-addr: " + e.getMessage());
            }
        } else {
            advertise = config.advertiseHost();
        }
        Ids ids = new Ids();
        NodeIdentity id = new NodeIdentity(ids.next(), ids.next(), NodeRole.MANAGER, advertise, listen.getPort(), listen.getPort() + 1);
        ClusterCa ca = ClusterCa.create(id.clusterId());
        NodeCredentials creds = NodeCredentials.issue(ca, id.nodeId(), "swarm-manager", id.clusterId());
        try {
            creds.save(config.dataDir());
            NodeCredentials.saveCaKey(config.dataDir(), ca);
        } catch (IOException e) {
            throw ApiException.unavailable("could not write the node's certificates under " + config.dataDir() + ": " + e.getMessage());
        }
        ManagerRole m;
        try {
            m = ManagerRole.start(id, config, clock, listen, creds);
        } catch (IOException | RuntimeException e) {
            throw ApiException.unavailable("could not start the manager: " + e.getMessage());
        }
        JoinTokens tokens = new JoinTokens(JoinToken.generate(ca.digest()).toString(), JoinToken.generate(ca.digest()).toString());
        try {
            m.bootstrap(hostname(), tokens, ELECTION_TIMEOUT);
        } catch (StoreException | InterruptedException e) {
            m.close();
            throw ApiException.unavailable("could not create the swarm: " + e.getMessage());
        }
        id.save(config.dataDir());
        credentials = creds;
        identity = id;
        manager = m;
        agent = startAgent(id);
        log.info("swarm initialized: node {} is now a manager of cluster {}", id.nodeId(), id.clusterId());
        return id.nodeId();
    }

    private String hostname() {
        if (config.hostname() != null) return config.hostname();
        try {
            return engine.info().hostname();
        } catch (EngineException e) {
            return null;
        }
    }

    @Override
    public SwarmInfo info() {
        NodeIdentity id = identity;
        if (id == null) return SwarmInfo.inactive();
        ManagerRole m = manager;
        if (m == null) {
            return new SwarmInfo(id.nodeId(), id.advertiseAddr(), LocalNodeState.ACTIVE, false, null, 0, 0, null);
        }
        int[] counts = new int[2];
        Cluster[] cluster = new Cluster[1];
        m.store().view(tx -> {
            for (Node n : tx.nodes()) {
                counts[0]++;
                if (n.spec().role() == NodeRole.MANAGER) counts[1]++;
            }
            cluster[0] = tx.cluster();
            return null;
        });
        return new SwarmInfo(id.nodeId(), id.advertiseAddr(), LocalNodeState.ACTIVE, true, null, counts[0], counts[1],
                cluster[0] == null ? null : ClusterInfo.of(cluster[0]));
    }

    @Override
    public Optional<ControlApi> controlApi() {
        ManagerRole m = manager;
        return m == null ? Optional.empty() : Optional.of(m.controlApi());
    }

    /** This manager's store handle (empty on workers and before init); for in-process tests and tools. */
    public Optional<dev.shoal.store.Store> store() {
        ManagerRole m = manager;
        return m == null ? Optional.empty() : Optional.of(m.store());
    }

    @Override
    public synchronized void close() {
        if (api != null) api.close();
        if (agent != null) agent.close();
        if (manager != null) manager.close();
    }
}
