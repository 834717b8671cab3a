package dev.shoal.daemon;

import dev.shoal.manager.dispatcher.JoinHandler;
import dev.shoal.model.Cluster;
import dev.shoal.model.Ids;
import dev.shoal.model.ManagerStatus;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeRole;
import dev.shoal.model.NodeSpec;
import dev.shoal.model.NodeState;
import dev.shoal.model.NodeStatus;
import dev.shoal.model.Reachability;
import dev.shoal.model.Version;
import dev.shoal.protocol.AgentMessage;
import dev.shoal.raft.ManagerPeer;
import dev.shoal.security.ClusterCa;
import dev.shoal.security.JoinToken;
import dev.shoal.security.KeyCodec;
import dev.shoal.security.NodeCredentials;
import dev.shoal.store.MemoryStore;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A manager's admission of new nodes (Swarm's CA server and node creation in one): a join request's
 * secret must equal the current worker or manager token's (compared in constant time), which decides
 * the role; a request without a secret is a member promoted to manager asking for its manager
 * certificate, known by the certificate it connected with. The node is written to the store first,
 * then its key is certified, so a refused or failed write certifies nothing. Thread-safe.
 */
final class JoinAdmission implements JoinHandler {
    private static final Logger log = LoggerFactory.getLogger(JoinAdmission.class);
    static final String INVALID_TOKEN = "A valid join token is necessary to join this cluster: the token is wrong, was rotated, "
            + "or belongs to another swarm";

    private final MemoryStore memory;
    private final Store store;
    private final ClusterCa ca;
    private final Supplier<List<ManagerPeer>> raftPeers;
    private final Clock clock;
    private final Ids ids = new Ids();

    JoinAdmission(MemoryStore memory, Store store, ClusterCa ca, Supplier<List<ManagerPeer>> raftPeers, Clock clock) {
        this.memory = memory;
        this.store = store;
        this.ca = ca;
        this.raftPeers = raftPeers;
        this.clock = clock;
    }

    @Override
    public AgentMessage admit(AgentMessage.Join join, String authenticatedNodeId, String remoteAddress) {
        Cluster cluster = memory.view(tx -> tx.cluster());
        if (cluster == null || cluster.joinTokens() == null) {
            return new AgentMessage.Refused("this manager's swarm is not initialised yet; try again");
        }
        PublicKey key;
        try {
            key = KeyCodec.publicKey(join.publicKey());
        } catch (IllegalArgumentException e) {
            return new AgentMessage.Refused("the join request's " + e.getMessage());
        }
        String advertise = join.advertiseAddr() == null || join.advertiseAddr().isBlank() ? hostOf(remoteAddress) : join.advertiseAddr();
        Instant now = clock.instant();
        String nodeId;
        NodeRole role;
        StoreAction write;
        if (join.secret() == null) {
            if (authenticatedNodeId.isEmpty()) return new AgentMessage.Refused(INVALID_TOKEN);
            Node n = memory.view(tx -> tx.node(authenticatedNodeId));
            if (n == null) return new AgentMessage.Refused("node " + authenticatedNodeId + " is not part of this swarm");
            if (n.spec().role() != NodeRole.MANAGER) {
                return new AgentMessage.Refused("node " + authenticatedNodeId + " has not been promoted to manager");
            }
            nodeId = n.id();
            role = NodeRole.MANAGER;
            write = new StoreAction.Update(n.withManagerStatus(
                    new ManagerStatus(false, Reachability.UNKNOWN, advertise + ":" + join.dispatcherPort())));
        } else {
            role = roleFor(join.secret(), cluster);
            if (role == null) {
                log.warn("refused a join from {}: wrong token", remoteAddress);
                return new AgentMessage.Refused(INVALID_TOKEN);
            }
            nodeId = ids.next();
            write = new StoreAction.Create(new Node(nodeId, Version.NONE, now, now,
                    new NodeSpec(join.hostname(), null, role, NodeAvailability.ACTIVE), null,
                    new NodeStatus(NodeState.UNKNOWN, null, advertise),
                    role == NodeRole.MANAGER ? new ManagerStatus(false, Reachability.UNKNOWN, advertise + ":" + join.dispatcherPort()) : null));
        }
        try {
            store.commit(Proposal.atomic(write));
        } catch (StoreException e) {
            return new AgentMessage.Refused("the swarm could not record the new node: " + e.getMessage());
        }
        X509Certificate cert = ca.issue(nodeId, role == NodeRole.MANAGER ? NodeCredentials.MANAGER_ROLE : NodeCredentials.WORKER_ROLE,
                cluster.id(), key);
        log.info("admitted node {} ({}) from {} as a {}", nodeId, join.hostname(), remoteAddress, role.json());
        return new AgentMessage.Joined(nodeId, cluster.id(), role.json(), KeyCodec.pem(cert), KeyCodec.pem(ca.certificate()),
                role == NodeRole.MANAGER ? KeyCodec.pem(ca.key()) : null, managers());
    }

    /** The managers as Raft and the store know them now. */
    private List<AgentMessage.ManagerAddress> managers() {
        Map<String, String> raft = new HashMap<>();
        for (ManagerPeer p : raftPeers.get()) raft.put(p.id(), p.address());
        return memory.view(tx -> {
            List<AgentMessage.ManagerAddress> out = new ArrayList<>();
            for (Node n : tx.nodes()) {
                if (n.managerStatus() == null || !raft.containsKey(n.id())) continue;
                out.add(new AgentMessage.ManagerAddress(n.id(), n.managerStatus().addr(), raft.get(n.id())));
            }
            return out;
        });
    }

    private static NodeRole roleFor(String secret, Cluster cluster) {
        if (matches(secret, cluster.joinTokens().manager())) return NodeRole.MANAGER;
        if (matches(secret, cluster.joinTokens().worker())) return NodeRole.WORKER;
        return null;
    }

    private static boolean matches(String secret, String token) {
        if (token == null) return false;
        String expected;
        try {
            expected = JoinToken.parse(token).secret();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), secret.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hostOf(String addr) {
        if (addr == null) return "";
        String a = addr.startsWith("/") ? addr.substring(1) : addr;
        int i = a.lastIndexOf(':');
        return i > 0 ? a.substring(0, i) : a;
    }
}
