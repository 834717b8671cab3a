package dev.shoal.cli.node;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.Resolver;
import dev.shoal.cli.client.TaskEntry;
import dev.shoal.cli.format.TaskTable;
import dev.shoal.cli.opts.FilterFlags;
import dev.shoal.model.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code swarmctl node ps [NODE...]}: the tasks on one or more nodes (the answering node, {@code self},
 * by default), in the same table as {@code service ps} ({@link TaskTable}).
 */
@Command(name = "ps", description = "List tasks running on one or more nodes, defaults to current node")
public final class NodePs extends ApiCommand {
    @Option(names = {"-q", "--quiet"}, description = "Only display task IDs")
    private boolean quiet;

    @Option(names = "--no-trunc", description = "Do not truncate output")
    private boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "filter",
            description = "Filter output based on conditions provided (desired-state=running|shutdown|accepted, id=ID, name=NAME)")
    private List<String> filters = new ArrayList<>();

    @Parameters(arity = "0..*", paramLabel = "NODE", description = "Node id, id prefix or hostname; \"self\" (the default) for the answering node")
    private List<String> nodes = new ArrayList<>();

    @Override
    protected void execute() {
        Map<String, List<String>> query;
        try {
            query = FilterFlags.parse(filters, List.of("desired-state", "id", "name"));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Resolver resolver = new Resolver(client());
        Map<String, String> hostnames = new LinkedHashMap<>();
        for (String ref : nodes.isEmpty() ? List.of("self") : nodes) {
            Node n = client().node(resolver.nodeRef(ref));
            hostnames.put(n.id(), n.hostname());
        }
        List<TaskEntry> tasks = new ArrayList<>();
        for (String id : hostnames.keySet()) {
            Map<String, List<String>> q = new LinkedHashMap<>(query);
            q.put("node", List.of(id));
            tasks.addAll(client().tasks(q));
        }
        new TaskTable(noTrunc, now()).print(tasks, Map.of(), hostnames, quiet, out());
    }
}
