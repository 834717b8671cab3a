package dev.shoal.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.shoal.model.Cluster;
import dev.shoal.model.Config;
import dev.shoal.model.Json;
import dev.shoal.model.Network;
import dev.shoal.model.Node;
import dev.shoal.model.Secret;
import dev.shoal.model.Service;
import dev.shoal.model.StoreObject;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of a proposal in the Raft log, of a commit result in a Raft reply, and of a store snapshot.
 *
 * <p>A proposal is one JSON object, {@code {"Atomic":…,"LeaderTerm":…,"Actions":[…]}}, each action
 * tagged by its operation:
 * <pre>
 * {"Op":"create","Kind":"TASK","Object":{…}}      {"Op":"update","Kind":"TASK","Object":{…}}
 * {"Op":"delete","Kind":"TASK","ID":"…"}          {"Op":"status","ID":"…","Status":{…}}
 * {"Op":"assign","ID":"…","Node":"…","Status":{…}}
 * {"Op":"create","Kind":"TASK","SpecOf":3,"Object":{… no "Spec" …}}
 * </pre>
 * Objects have the model's JSON shape ({@link Json}). A task whose template is the very instance an
 * earlier task of the same entry carries (the orchestrator's tasks of one service share it) is written
 * without its {@code Spec}, with {@code SpecOf} = the position of that earlier action; decoding gives it
 * that action's decoded template (so the tasks of one entry share one instance again). An entry is thus
 * self-contained: nothing outside it is needed to read it. Entries are written and read in one streaming pass
 * (no intermediate tree); fields may come in any order, unknown fields are skipped, a missing
 * {@code Atomic} means true, so every entry written since the first release still decodes. An unknown
 * {@code Op} or {@code Kind} fails the decode ({@link IllegalArgumentException}); malformed JSON fails
 * with {@link UncheckedIOException}. Thread-safe.
 */
public final class ProposalCodec {
    private final ObjectMapper json = Json.newMapper();
    private final ObjectWriter writer = json.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private final ObjectReader statusReader = json.readerFor(TaskStatus.class);
    private final Map<StoreObject.Kind, ObjectReader> objectReaders = new EnumMap<>(StoreObject.Kind.class);

    public ProposalCodec() {
        for (StoreObject.Kind k : StoreObject.Kind.values()) objectReaders.put(k, json.readerFor(typeOf(k)));
    }

    private static Class<? extends StoreObject> typeOf(StoreObject.Kind kind) {
        return switch (kind) {
            case NODE -> Node.class;
            case SERVICE -> Service.class;
            case TASK -> Task.class;
            case CLUSTER -> Cluster.class;
            case NETWORK -> Network.class;
            case SECRET -> Secret.class;
            case CONFIG -> Config.class;
        };
    }

    public byte[] encode(Proposal p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 128 * p.actions().size());
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeBooleanField("Atomic", p.atomic());
            if (p.leaderTerm() > 0) g.writeNumberField("LeaderTerm", p.leaderTerm());
            g.writeArrayFieldStart("Actions");
            Map<TaskSpec, Integer> specs = new IdentityHashMap<>();
            List<StoreAction> actions = p.actions();
            for (int i = 0; i < actions.size(); i++) write(g, actions.get(i), i, specs);
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void write(JsonGenerator g, StoreAction a, int position, Map<TaskSpec, Integer> specs) throws IOException {
        g.writeStartObject();
        if (a instanceof StoreAction.Create c) {
            g.writeStringField("Op", "create");
            writeObject(g, c.object(), position, specs);
        } else if (a instanceof StoreAction.Update u) {
            g.writeStringField("Op", "update");
            writeObject(g, u.object(), position, specs);
        } else if (a instanceof StoreAction.Delete d) {
            g.writeStringField("Op", "delete");
            g.writeStringField("Kind", d.kind().name());
            g.writeStringField("ID", d.id());
        } else if (a instanceof StoreAction.UpdateTaskStatus s) {
            g.writeStringField("Op", "status");
            g.writeStringField("ID", s.taskId());
            g.writeFieldName("Status");
            writer.writeValue(g, s.status());
        } else if (a instanceof StoreAction.AssignTask s) {
            g.writeStringField("Op", "assign");
            g.writeStringField("ID", s.taskId());
            g.writeStringField("Node", s.nodeId());
            g.writeFieldName("Status");
            writer.writeValue(g, s.status());
        } else {
            throw new IllegalArgumentException("cannot encode store action " + a);
        }
        g.writeEndObject();
    }

    /** Kind and Object of a create or update; a task's template already written in this entry is referred to. */
    private void writeObject(JsonGenerator g, StoreObject o, int position, Map<TaskSpec, Integer> specs) throws IOException {
        g.writeStringField("Kind", o.kind().name());
        if (o instanceof Task t && t.spec() != null) {
            Integer first = specs.putIfAbsent(t.spec(), position);
            if (first != null) {
                g.writeNumberField("SpecOf", first);
                o = t.withSpec(null);
            }
        }
        g.writeFieldName("Object");
        writer.writeValue(g, o);
    }

    public Proposal decode(byte[] bytes) {
        try (JsonParser p = json.createParser(bytes)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            boolean atomic = true;
            long term = 0;
            List<StoreAction> actions = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "Atomic" -> atomic = value == JsonToken.VALUE_NULL || p.getValueAsBoolean(true);
                    case "LeaderTerm" -> term = p.getValueAsLong(0);
                    case "Actions" -> {
                        if (value == JsonToken.START_ARRAY) {
                            while (p.nextToken() == JsonToken.START_OBJECT) actions.add(action(p, actions));
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return new Proposal(actions, atomic, term);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one action object; the parser is on its START_OBJECT and is left on its END_OBJECT.
     * {@code earlier} are the entry's actions before it (for {@code SpecOf}).
     */
    private StoreAction action(JsonParser p, List<StoreAction> earlier) throws IOException {
        int specOf = -1;
        String op = null;
        String kind = null;
        String id = null;
        String node = null;
        TaskStatus status = null;
        StoreObject object = null;
        TokenBuffer early = null; // an Object seen before its Kind (never written so, but valid JSON)
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "Op" -> op = p.getValueAsString();
                case "Kind" -> kind = p.getValueAsString();
                case "ID" -> id = p.getValueAsString();
                case "Node" -> node = p.getValueAsString();
                case "SpecOf" -> specOf = p.getValueAsInt(-1);
                case "Status" -> status = value == JsonToken.VALUE_NULL ? null : statusReader.readValue(p);
                case "Object" -> {
                    if (value == JsonToken.VALUE_NULL) break;
                    if (kind != null) {
                        object = objectReaders.get(kind(kind)).readValue(p);
                    } else {
                        early = TokenBuffer.asCopyOfValue(p);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (early != null && kind != null) {
            try (JsonParser q = early.asParser(p.getCodec())) {
                object = objectReaders.get(kind(kind)).readValue(q);
            }
        }
        if (specOf >= 0) object = withSpecOf(object, specOf, earlier);
        if (op == null) throw new IllegalArgumentException("a store action without \"Op\"");
        return switch (op) {
            case "create" -> new StoreAction.Create(required(object, op));
            case "update" -> new StoreAction.Update(required(object, op));
            case "delete" -> new StoreAction.Delete(kind(kind), id);
            case "status" -> new StoreAction.UpdateTaskStatus(id, status);
            case "assign" -> new StoreAction.AssignTask(id, node, status);
            default -> throw new IllegalArgumentException("unknown store action \"" + op + "\"");
        };
    }

    private static StoreObject withSpecOf(StoreObject o, int position, List<StoreAction> earlier) {
        if (!(o instanceof Task t) || position >= earlier.size()) {
            throw new IllegalArgumentException("\"SpecOf\": " + position + " does not name an earlier task of this entry");
        }
        StoreAction a = earlier.get(position);
        StoreObject source = a instanceof StoreAction.Create c ? c.object() : a instanceof StoreAction.Update u ? u.object() : null;
        if (!(source instanceof Task s) || s.spec() == null) {
            throw new IllegalArgumentException("\"SpecOf\": action " + position + " is not a task with a template");
        }
        return t.withSpec(s.spec());
    }

    private static StoreObject required(StoreObject o, String op) {
        if (o == null) throw new IllegalArgumentException("store action \"" + op + "\" without \"Kind\" and \"Object\"");
        return o;
    }

    private static StoreObject.Kind kind(String name) {
        if (name == null) throw new IllegalArgumentException("a store action without \"Kind\"");
        return StoreObject.Kind.valueOf(name);
    }

    private static void expect(JsonParser p, JsonToken got, JsonToken want) throws IOException {
        if (got != want) throw new com.fasterxml.jackson.core.JsonParseException(p, "expected " + want + " but found " + got);
    }

    public byte[] encodeResult(CommitResult r) { return write(r); }

    public CommitResult decodeResult(byte[] bytes) { return read(bytes, CommitResult.class); }

    public byte[] encodeSnapshot(StoreSnapshot s) { return write(s); }

    public StoreSnapshot decodeSnapshot(byte[] bytes) { return read(bytes, StoreSnapshot.class); }

    /**
     * Writes {@code s} to {@code out} as {@link #encodeSnapshot} would, without holding the whole encoding
     * in memory (a million tasks make about a gigabyte of JSON). Does not close {@code out}.
     */
    public void writeSnapshot(StoreSnapshot s, java.io.OutputStream out) throws IOException {
        try (JsonGenerator g = json.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writer.writeValue(g, s);
        }
    }

    /** Reads a snapshot written by {@link #writeSnapshot} or {@link #encodeSnapshot}, streaming. Does not close {@code in}. */
    public StoreSnapshot readSnapshot(java.io.InputStream in) throws IOException {
        try (JsonParser p = json.createParser(in)) {
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            return json.readValue(p, StoreSnapshot.class);
        }
    }

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
