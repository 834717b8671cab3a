package dev.shoal.cli.service;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.Resolver;
import dev.shoal.cli.format.TaskTable;
import dev.shoal.cli.opts.FilterFlags;
import dev.shoal.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code swarmctl service ps}: the tasks of services as Docker lists them ({@link TaskTable}) — grouped
 * by slot (or node for global services), newest first, older tasks of a slot prefixed with {@code \_ }.
 */
@Command(name = "ps", description = "List the tasks of one or more services")
public final class ServicePs extends ApiCommand {
    @Option(names = {"-q", "--quiet"}, description = "Only display task IDs")
    private boolean quiet;

    @Option(names = "--no-trunc", description = "Do not truncate output")
    private boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "filter",
            description = "Filter output based on conditions provided (desired-state=running|shutdown|accepted, node=NODE)")
    private List<String> filters = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "Service name, id or id prefix")
    private List<String> services;

    @Override
    protected void execute() {
        Map<String, List<String>> query = parseFilters();
        Map<String, String> serviceNames = new LinkedHashMap<>();
        for (String ref : services) {
            Service s = client().service(ref);
            serviceNames.put(s.id(), s.spec().name());
        }
        query.put("service", new ArrayList<>(serviceNames.keySet()));
        new TaskTable(noTrunc, now()).print(client().tasks(query), serviceNames,
                quiet ? Map.of() : new Resolver(client()).nodeHostnames(), quiet, out());
    }

    private Map<String, List<String>> parseFilters() {
        try {
            return FilterFlags.parse(filters, List.of("desired-state", "node"));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
