package dev.shoal.cli;

import dev.shoal.cli.client.ApiClient;
import dev.shoal.model.Node;
import java.util.HashMap;
import java.util.Map;

/** Resolves what users type and tables show: node ids to hostnames, {@code self} to the answering node's id. */
public final class Resolver {
    private final ApiClient client;

    public Resolver(ApiClient client) {
        this.client = client;
    }

    /** Every node's hostname by node id (one {@code GET /nodes}). */
    public Map<String, String> nodeHostnames() {
        Map<String, String> m = new HashMap<>();
        for (Node n : client.nodes()) m.put(n.id(), n.hostname());
        return m;
    }

    /** A node reference with Docker's {@code self} replaced by the answering node's id. */
    public String nodeRef(String ref) {
        return "self".equals(ref) ? client.info().nodeId() : ref;
    }
}
