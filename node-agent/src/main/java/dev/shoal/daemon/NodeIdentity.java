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

/**
 * What a node remembers about itself across restarts, kept in {@code <data-dir>/node.json}: its id, the
 * cluster it belongs to, its role and the addresses it advertises. Written atomically (temp file, then
 * rename) so a crash never leaves a half-written identity. Immutable.
 */
public record NodeIdentity(
        @JsonProperty("NodeID") String nodeId,
        @JsonProperty("ClusterID") String clusterId,
        NodeRole role,
        String advertiseAddr,
        int dispatcherPort,
        int raftPort) {

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
