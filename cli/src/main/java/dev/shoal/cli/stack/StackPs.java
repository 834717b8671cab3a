package dev.shoal.cli.stack;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.CliException;
import dev.shoal.cli.Resolver;
import dev.shoal.cli.client.ServiceEntry;
import dev.shoal.cli.format.TaskTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.shoal.cli.opts.FilterFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarmctl stack ps STACK}: the tasks of the stack's services, as {@code service ps} shows them. */
@Command(name = "ps", description = "List the tasks in the stack")
public final class StackPs extends ApiCommand {
    @Option(names = {"-q", "--quiet"}, description = "Only display task IDs")
    private boolean quiet;

    @Option(names = "--no-trunc", description = "Do not truncate output")
    private boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "filter",
            description = "Filter output based on conditions provided (desired-state=running|shutdown|accepted, node=NODE)")
    private List<String> filters = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "STACK", description = "Stack name")
    private String stack;

    @Override
    protected void execute() {
        List<ServiceEntry> services = StackObjects.of(client(), stack).services();
        if (services.isEmpty()) throw new CliException("Nothing found in stack: " + stack);
        Map<String, String> names = new LinkedHashMap<>();
        for (ServiceEntry e : services) names.put(e.service().id(), e.service().spec().name());
        Map<String, List<String>> query;
        try {
            query = new LinkedHashMap<>(FilterFlags.parse(filters, List.of("desired-state", "node")));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        query.put("service", new ArrayList<>(names.keySet()));
        new TaskTable(noTrunc, now()).print(client().tasks(query), names, quiet ? Map.of() : new Resolver(client()).nodeHostnames(), quiet, out());
    }
}
