package dev.shoal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoal.model.Cluster;
import dev.shoal.model.Json;
import dev.shoal.model.Node;
import dev.shoal.model.Service;
import dev.shoal.model.StoreObject;
import dev.shoal.model.Task;
import dev.shoal.model.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a proposal in the Raft log, of a commit result in a Raft reply, and of a store snapshot.
 * JSON, with each action tagged by its operation and the kind of object it carries. Thread-safe.
 */
public final class ProposalCodec {
    private final ObjectMapper json = Json.newMapper();

    public byte[] encode(Proposal p) {
        ObjectNode root = json.createObjectNode();
        root.put("Atomic", p.atomic());
        if (p.leaderTerm() > 0) root.put("LeaderTerm", p.leaderTerm());
        ArrayNode arr = root.putArray("Actions");
        for (StoreAction a : p.actions()) {
            ObjectNode n = arr.addObject();
            if (a instanceof StoreAction.Create c) {
                n.put("Op", "create").put("Kind", c.object().kind().name()).set("Object", json.valueToTree(c.object()));
            } else if (a instanceof StoreAction.Update u) {
                n.put("Op", "update").put("Kind", u.object().kind().name()).set("Object", json.valueToTree(u.object()));
            } else if (a instanceof StoreAction.Delete d) {
                n.put("Op", "delete").put("Kind", d.kind().name()).put("ID", d.id());
            } else if (a instanceof StoreAction.UpdateTaskStatus s) {
                n.put("Op", "status").put("ID", s.taskId()).set("Status", json.valueToTree(s.status()));
            }
        }
        return write(root);
    }

    public Proposal decode(byte[] bytes) {
        try {
            JsonNode root = json.readTree(bytes);
            List<StoreAction> actions = new ArrayList<>();
            for (JsonNode n : root.path("Actions")) {
                String op = n.path("Op").asText();
                switch (op) {
                    case "create" -> actions.add(new StoreAction.Create(object(n)));
                    case "update" -> actions.add(new StoreAction.Update(object(n)));
                    case "delete" -> actions.add(new StoreAction.Delete(StoreObject.Kind.valueOf(n.path("Kind").asText()), n.path("ID").asText()));
                    case "status" -> actions.add(new StoreAction.UpdateTaskStatus(n.path("ID").asText(),
                            json.treeToValue(n.path("Status"), TaskStatus.class)));
                    default -> throw new IllegalArgumentException("unknown store action \"" + op + "\"");
                }
            }
            return new Proposal(actions, root.path("Atomic").asBoolean(true), root.path("LeaderTerm").asLong(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoreObject object(JsonNode n) throws IOException {
        StoreObject.Kind kind = StoreObject.Kind.valueOf(n.path("Kind").asText());
        Class<? extends StoreObject> type = switch (kind) {
            case NODE -> Node.class;
            case SERVICE -> Service.class;
            case TASK -> Task.class;
            case CLUSTER -> Cluster.class;
            case NETWORK -> dev.shoal.model.Network.class;
            case SECRET -> dev.shoal.model.Secret.class;
            case CONFIG -> dev.shoal.model.Config.class;
        };
        return json.treeToValue(n.path("Object"), type);
    }

    public byte[] encodeResult(CommitResult r) { return write(r); }

    public CommitResult decodeResult(byte[] bytes) { return read(bytes, CommitResult.class); }

    public byte[] encodeSnapshot(StoreSnapshot s) { return write(s); }

    public StoreSnapshot decodeSnapshot(byte[] bytes) { return read(bytes, StoreSnapshot.class); }

    private byte[] write(Object o) {
        try {
            return json.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(byte[] b, Class<T> type) {
        try {
            return json.readValue(b, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
