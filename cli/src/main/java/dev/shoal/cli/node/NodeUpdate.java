package dev.shoal.cli.node;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.CliException;
import dev.shoal.cli.Resolver;
import dev.shoal.cli.opts.KeyValue;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeRole;
import dev.shoal.model.NodeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code swarmctl node update [OPTIONS] NODE}: as Docker's, reads the node, applies the flags to its
 * spec (availability, role, then labels added, then labels removed — a missing one is an error, "key X
 * doesn't exist in node's labels"), sends the whole spec back with the version it read, and prints NODE.
 */
@Command(name = "update", description = "Update a node")
public final class NodeUpdate extends ApiCommand {
    @Option(names = "--availability", paramLabel = "string", converter = AvailabilityConverter.class,
            description = "Availability of the node (\"active\", \"pause\", \"drain\")")
    private NodeAvailability availability;

    @Option(names = "--role", paramLabel = "string", converter = RoleConverter.class, description = "Role of the node (\"worker\", \"manager\")")
    private NodeRole role;

    @Option(names = "--label-add", paramLabel = "list", converter = KeyValue.Converter.class,
            description = "Add or update a node label (\"key=value\")")
    private List<KeyValue> labelAdd = new ArrayList<>();

    @Option(names = "--label-rm", paramLabel = "list", description = "Remove a node label if exists")
    private List<String> labelRm = new ArrayList<>();

    @Parameters(index = "0", arity = "1", paramLabel = "NODE", description = "Node id, id prefix or hostname; \"self\" for the answering node")
    private String node;

    @Override
    protected void execute() {
        Node current = client().node(new Resolver(client()).nodeRef(node));
        NodeSpec s = current.spec();
        Map<String, String> labels = new LinkedHashMap<>(s.labels());
        for (KeyValue kv : labelAdd) labels.put(kv.key(), kv.value());
        for (String k : labelRm) {
            if (!labels.containsKey(k)) throw new CliException("key " + k + " doesn't exist in node's labels");
            labels.remove(k);
        }
        NodeSpec updated = new NodeSpec(s.name(), labels, role == null ? s.role() : role, availability == null ? s.availability() : availability);
        client().updateNode(current.id(), current.version().index(), updated);
        out().println(node);
    }

    /** Parses active|pause|drain. */
    static final class AvailabilityConverter implements ITypeConverter<NodeAvailability> {
        @Override
        public NodeAvailability convert(String value) {
            for (NodeAvailability a : NodeAvailability.values()) if (a.json().equals(value.toLowerCase(Locale.ROOT))) return a;
            throw new TypeConversionException("invalid availability '" + value + "' (expected active, pause or drain)");
        }
    }

    /** Parses worker|manager. */
    static final class RoleConverter implements ITypeConverter<NodeRole> {
        @Override
        public NodeRole convert(String value) {
            for (NodeRole r : NodeRole.values()) if (r.json().equals(value.toLowerCase(Locale.ROOT))) return r;
            throw new TypeConversionException("invalid role '" + value + "' (expected worker or manager)");
        }
    }
}
