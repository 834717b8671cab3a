package dev.shoal.daemon;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.model.Json;
import dev.shoal.model.NodeRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What a node remembers about itself across restarts, kept in {@code <data-dir>/node.json}: its id, the
 * cluster it belongs to, its role, the addresses it advertises and the managers it last heard of. Written atomically (temp file, then
 * rename) so a crash never leaves a half-written identity. Immutable.
 */
public record NodeIdentity(
        @JsonProperty("NodeID") String nodeId,
        @JsonProperty("ClusterID") String clusterId,
        NodeRole role,
        String advertiseAddr,
        int dispatcherPort,
        int raftPort,
        List<String> managers) {

    public NodeIdentity {
        managers = managers == null ? List.of() : List.copyOf(managers);
    }

    /** An identity that knows no other managers yet (a swarm's first manager). */
    public NodeIdentity(String nodeId, String clusterId, NodeRole role, String advertiseAddr, int dispatcherPort, int raftPort) {
        this(nodeId, clusterId, role, advertiseAddr, dispatcherPort, raftPort, List.of());
    }

    /** This identity with another role (promote, demote). */
    public NodeIdentity withRole(NodeRole r) {
        return new NodeIdentity(nodeId, clusterId, r, advertiseAddr, dispatcherPort, raftPort, managers);
    }

    /** The dispatcher addresses this node's agent tries, its own first when it is a manager. */
    public List<String> managerAddresses() {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        if (role == NodeRole.MANAGER) out.add(dispatcherAddress());
        out.addAll(managers);
        return List.copyOf(out);
    }

    static final String FILE = "node.json";

    /** The identity stored in {@code dataDir}, or null for a node that never joined a swarm. */
    public static NodeIdentity load(Path dataDir) {
        Path f = dataDir.resolve(FILE);
        if (!Files.exists(f)) return null;
        try {
            return mapper().readValue(f.toFile(), NodeIdentity.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** Removes the identity from {@code dataDir} (the node left its swarm). */
    public static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dataDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    public void save(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path tmp = dataDir.resolve(FILE + ".tmp");
            mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
            Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    public String dispatcherAddress() { return advertiseAddr + ":" + dispatcherPort; }

    public String raftAddress() { return advertiseAddr + ":" + raftPort; }

    private static ObjectMapper mapper() { return Json.newMapper(); }
}
