package dev.shoal.daemon;

import dev.shoal.agent.Agent;
import dev.shoal.api.ApiServer;
import dev.shoal.api.ClusterInfo;
import dev.shoal.api.InitRequest;
import dev.shoal.api.JoinRequest;
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
import dev.shoal.protocol.AgentMessage;
import dev.shoal.raft.ManagerPeer;
import dev.shoal.security.ClusterCa;
import dev.shoal.security.KeyCodec;
import dev.shoal.security.PinnedCaTrust;
import dev.shoal.security.JoinToken;
import dev.shoal.security.NodeCredentials;
import dev.shoal.security.TlsContexts;
import dev.shoal.model.Node;
import dev.shoal.model.NodeRole;
import dev.shoal.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    private final DaemonConfig config;
    private final ContainerEngine engine;
    private final Clock clock;
    private ApiServer api;
    private volatile NodeIdentity identity;
    private volatile ManagerRole manager;
    private volatile Agent agent;
    private volatile NodeCredentials credentials;
    private final ExecutorService roleChanges = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "node-role-changes");
        t.setDaemon(true);
        return t;
    });

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
        List<String> managers = id.managerAddresses();
        Agent a = new Agent(id.nodeId(), managers.isEmpty() ? id.dispatcherAddress() : managers.get(0), engine, clock,
                config.hostname(), TlsContexts.client(credentials)).withManagers(managers);
        a.onRoleChanged(role -> roleChanges.execute(() -> onRoleChanged(role)));
        return a.start();
    }

    private static InetSocketAddress listenFor(NodeIdentity id, InetSocketAddress configured) {
        return new InetSocketAddress(configured.getHostString(), id.dispatcherPort());
    }

    @Override
    public synchronized String initSwarm(InitRequest request) {
        if (identity != null && request.forceNewCluster()) return forceNewCluster();
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

    /**
     * {@code swarm init --force-new-cluster}: makes this manager the only member of a new Raft group that
     * starts from this manager's copy of the store, as Swarm's recovery from a lost quorum.
     */
    private String forceNewCluster() {
        ManagerRole old = manager;
        NodeIdentity id = identity;
        if (old == null) {
            throw ApiException.precondition("--force-new-cluster recovers a swarm from a manager's data, and this node is a worker");
        }
        var state = old.state();
        old.close();
        manager = null;
        try {
            deleteTree(config.dataDir().resolve("raft"));
            ManagerRole m = ManagerRole.startForNewCluster(id, config, clock, listenFor(id, config.listenAddr()), credentials);
            try {
                m.bootstrapFrom(state, ELECTION_TIMEOUT);
            } catch (RuntimeException | InterruptedException e) {
                m.close();
                throw e;
            }
            manager = m;
        } catch (IOException | RuntimeException | InterruptedException e) {
            throw ApiException.unavailable("could not force a new cluster: " + e.getMessage());
        }
        NodeIdentity alone = new NodeIdentity(id.nodeId(), id.clusterId(), NodeRole.MANAGER, id.advertiseAddr(), id.dispatcherPort(),
                id.raftPort(), List.of());
        alone.save(config.dataDir());
        identity = alone;
        if (agent != null) agent.withManagers(alone.managerAddresses());
        log.info("forced a new cluster: node {} is its only manager", id.nodeId());
        return id.nodeId();
    }

    @Override
    public synchronized String joinSwarm(JoinRequest request) {
        if (identity != null) {
            throw ApiException.unavailable("This node is already part of a swarm. Use \"swarmctl swarm leave\" to leave this swarm and join another one.");
        }
        JoinToken token;
        try {
            token = JoinToken.parse(request.joinToken());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        if (request.remoteAddrs().isEmpty()) throw ApiException.invalid("the address of a manager of the swarm is required (MANAGER_IP:PORT)");
        InetSocketAddress listen;
        String advertise;
        try {
            listen = DaemonConfig.parseAddr(request.listenAddr(), config.listenAddr().getHostString(), config.listenAddr().getPort());
            advertise = request.advertiseAddr() == null || request.advertiseAddr().isBlank() ? config.advertiseHost()
                    : DaemonConfig.parseAddr(request.advertiseAddr(), "127.0.0.1", listen.getPort()).getHostString();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        KeyPair keys = ClusterCa.newKeyPair();
        AgentMessage.Join join = new AgentMessage.Join(token.secret(), hostname(), advertise, listen.getPort(), listen.getPort() + 1,
                KeyCodec.publicKey(keys.getPublic()));
        AgentMessage.Joined joined = null;
        List<String> failures = new ArrayList<>();
        for (String remote : request.remoteAddrs()) {
            InetSocketAddress addr;
            try {
                addr = DaemonConfig.parseAddr(remote, "127.0.0.1", DaemonConfig.DEFAULT_CLUSTER_PORT);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("manager address: " + e.getMessage());
            }
            PinnedCaTrust trust = new PinnedCaTrust(token.caDigest());
            try {
                joined = new JoinClient(addr, TlsContexts.join(trust), JOIN_TIMEOUT).exchange(join);
                break;
            } catch (JoinClient.JoinException e) {
                if (e.getCause() == null) throw ApiException.invalid(e.getMessage()); // the manager refused: say why
                failures.add(e.getMessage());
            }
        }
        if (joined == null) throw ApiException.unavailable(String.join("; ", failures));
        NodeRole role = NodeRole.MANAGER.json().equals(joined.role()) ? NodeRole.MANAGER : NodeRole.WORKER;
        NodeCredentials creds;
        try {
            X509Certificate ca = KeyCodec.certificate(joined.caCertificate());
            if (!token.caDigest().equals(ClusterCa.digestOf(ca))) throw new IllegalArgumentException("the manager sent a CA that does not match the token");
            creds = new NodeCredentials(keys.getPrivate(), KeyCodec.certificate(joined.certificate()), ca);
            creds.certificate().verify(ca.getPublicKey());
            creds.save(config.dataDir());
            if (role == NodeRole.MANAGER) NodeCredentials.saveCaKey(config.dataDir(), new ClusterCa(ca, KeyCodec.privateKey(joined.caKey())));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            forgetMembership();
            throw ApiException.unavailable("the manager's answer could not be used: " + e.getMessage());
        }
        List<String> managers = dispatcherAddresses(joined);
        List<ManagerPeer> peers = raftPeers(joined);
        NodeIdentity id = new NodeIdentity(joined.nodeId(), joined.clusterId(), role, advertise, listen.getPort(), listen.getPort() + 1, managers);
        if (role == NodeRole.MANAGER) {
            try {
                manager = ManagerRole.start(id, config, clock, listen, creds, peers);
            } catch (IOException | RuntimeException e) {
                forgetMembership();
                throw ApiException.unavailable("joined as node " + id.nodeId() + " but could not start the manager: " + e.getMessage()
                        + " (the swarm lists this node; remove it with \"swarmctl node rm --force\" on a manager)");
            }
        }
        id.save(config.dataDir());
        credentials = creds;
        identity = id;
        agent = startAgent(id);
        log.info("joined cluster {} as node {} ({})", id.clusterId(), id.nodeId(), role.json());
        return id.nodeId();
    }

    @Override
    public synchronized void leaveSwarm(boolean force) {
        NodeIdentity id = identity;
        if (id == null) throw ApiException.unavailable("This node is not part of a swarm");
        ManagerRole m = manager;
        if (m != null) {
            int managers = m.raftPeers().size();
            if (!force) {
                throw ApiException.precondition("You are attempting to leave the swarm on a node that is participating as a manager. "
                        + (managers <= 1 ? "Removing the last manager erases all current state of the swarm. "
                        : "Removing this node leaves " + (managers - 1) + " managers out of " + managers + ". ")
                        + "Use `--force` to ignore this message.");
            }
            if (managers > 1) {
                try {
                    m.leaveGroup();
                } catch (RuntimeException e) {
                    log.warn("could not leave the Raft group cleanly: {}", e.getMessage());
                }
            }
        }
        if (agent != null) agent.close();
        if (manager != null) manager.close();
        agent = null;
        manager = null;
        removeTaskContainers(id.nodeId());
        forgetMembership();
        log.info("node {} left cluster {}", id.nodeId(), id.clusterId());
    }

    /** Removes every container this node ran for its tasks (it is leaving the swarm). */
    private void removeTaskContainers(String nodeId) {
        try {
            for (var c : engine.list(nodeId)) {
                try {
                    engine.stop(c.containerId(), Duration.ofSeconds(10));
                } catch (EngineException e) {
                    log.debug("stop {}: {}", c.containerId(), e.getMessage());
                }
                try {
                    engine.remove(c.containerId());
                } catch (EngineException e) {
                    log.warn("could not remove container {}: {}", c.containerId(), e.getMessage());
                }
            }
        } catch (EngineException e) {
            log.warn("could not list this node's containers: {}", e.getMessage());
        }
    }

    /** Forgets the swarm: identity, certificates and the Raft state on disk. */
    private void forgetMembership() {
        identity = null;
        credentials = null;
        try {
            NodeIdentity.delete(config.dataDir());
            NodeCredentials.deleteAll(config.dataDir());
            deleteTree(config.dataDir().resolve("raft"));
        } catch (IOException | RuntimeException e) {
            log.warn("could not remove the swarm state under {}: {}", config.dataDir(), e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Acts on a promote or demote the dispatcher announced; runs on its own thread, one change at a time. */
    private void onRoleChanged(String role) {
        try {
            if (NodeRole.MANAGER.json().equals(role)) promote();
            else if (NodeRole.WORKER.json().equals(role)) demote();
        } catch (RuntimeException e) {
            log.error("could not change this node's role to {}", role, e);
        }
    }

    /** Promoted: gets a manager's certificate and the CA from a manager, starts the manager and joins the Raft group. */
    private synchronized void promote() {
        NodeIdentity id = identity;
        Agent a = agent;
        if (id == null || a == null || manager != null) return;
        KeyPair keys = ClusterCa.newKeyPair();
        AgentMessage.Join join = new AgentMessage.Join(null, hostname(), id.advertiseAddr(), id.dispatcherPort(), id.raftPort(),
                KeyCodec.publicKey(keys.getPublic()));
        AgentMessage.Joined joined;
        try {
            InetSocketAddress leader = DaemonConfig.parseAddr(a.managerAddress(), "127.0.0.1", DaemonConfig.DEFAULT_CLUSTER_PORT);
            joined = new JoinClient(leader, TlsContexts.client(credentials), JOIN_TIMEOUT).exchange(join);
        } catch (JoinClient.JoinException e) {
            log.error("promotion of node {} failed: {}", id.nodeId(), e.getMessage());
            return;
        }
        try {
            X509Certificate ca = KeyCodec.certificate(joined.caCertificate());
            NodeCredentials creds = new NodeCredentials(keys.getPrivate(), KeyCodec.certificate(joined.certificate()), ca);
            creds.save(config.dataDir());
            NodeCredentials.saveCaKey(config.dataDir(), new ClusterCa(ca, KeyCodec.privateKey(joined.caKey())));
            List<ManagerPeer> peers = raftPeers(joined);
            List<String> managers = dispatcherAddresses(joined);
            NodeIdentity promoted = new NodeIdentity(id.nodeId(), id.clusterId(), NodeRole.MANAGER, id.advertiseAddr(),
                    id.dispatcherPort(), id.raftPort(), managers);
            deleteTree(config.dataDir().resolve("raft"));
            manager = ManagerRole.start(promoted, config, clock, listenFor(promoted, config.listenAddr()), creds, peers);
            promoted.save(config.dataDir());
            credentials = creds;
            identity = promoted;
            log.info("node {} is now a manager", id.nodeId());
        } catch (IOException | RuntimeException e) {
            log.error("promotion of node {} failed after it was certified: {}", id.nodeId(), e.getMessage(), e);
        }
    }

    /** The managers' dispatcher addresses a join answer lists (for the agent to fail over between). */
    private static List<String> dispatcherAddresses(AgentMessage.Joined joined) {
        List<String> out = new ArrayList<>();
        for (AgentMessage.ManagerAddress m : joined.managers()) if (m.addr() != null) out.add(m.addr());
        return out;
    }

    /** The Raft group's members a join answer lists (for a manager joining the group). */
    private static List<ManagerPeer> raftPeers(AgentMessage.Joined joined) {
        List<ManagerPeer> out = new ArrayList<>();
        for (AgentMessage.ManagerAddress m : joined.managers()) if (m.raftAddr() != null) out.add(new ManagerPeer(m.nodeId(), m.raftAddr()));
        return out;
    }

    /** Demoted: leaves the Raft group, stops the manager and keeps running as a worker. */
    private synchronized void demote() {
        ManagerRole m = manager;
        NodeIdentity id = identity;
        if (m == null || id == null) return;
        try {
            m.leaveGroup();
        } catch (RuntimeException e) {
            log.error("demotion of node {}: could not leave the Raft group: {}", id.nodeId(), e.getMessage());
            return;
        }
        manager = null;
        m.close();
        NodeIdentity worker = id.withRole(NodeRole.WORKER);
        try {
            NodeCredentials.deleteCaKey(config.dataDir());
            deleteTree(config.dataDir().resolve("raft"));
        } catch (IOException e) {
            log.warn("could not remove the manager state of node {}: {}", id.nodeId(), e.getMessage());
        }
        worker.save(config.dataDir());
        identity = worker;
        log.info("node {} is now a worker", id.nodeId());
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
        roleChanges.shutdownNow();
        NodeIdentity id = identity;
        if (id != null && agent != null && !agent.knownManagers().isEmpty()) {
            try {
                new NodeIdentity(id.nodeId(), id.clusterId(), id.role(), id.advertiseAddr(), id.dispatcherPort(), id.raftPort(),
                        agent.knownManagers()).save(config.dataDir());
            } catch (RuntimeException e) {
                log.debug("could not remember the managers: {}", e.getMessage());
            }
        }
        if (api != null) api.close();
        if (agent != null) agent.close();
        if (manager != null) manager.close();
    }
}
