package dev.shoal.cli.service;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.Display;
import dev.shoal.cli.Resolver;
import dev.shoal.cli.client.TaskEntry;
import dev.shoal.cli.format.Table;
import dev.shoal.cli.format.TimeAgo;
import dev.shoal.model.Ids;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code swarmctl service ps}: the tasks of services as Docker lists them — grouped by slot (or node
 * for global services), newest first, older tasks of a slot prefixed with {@code \_ }.
 */
@Command(name = "ps", description = "List the tasks of one or more services")
public final class ServicePs extends ApiCommand {
    private static final int MAX_ERROR_LENGTH = 30;

    @Option(names = {"-q", "--quiet"}, description = "Only display task IDs")
    private boolean quiet;

    @Option(names = "--no-trunc", description = "Do not truncate output")
    private boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "filter",
            description = "Filter output based on conditions provided (desired-state=running|shutdown|accepted, node=NODE)")
    private List<String> filters = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "Service name, id or id prefix")
    private List<String> services;

    /** One task with what its row shows. */
    private static final class Row {
        final Task task;
        final TaskEntry entry;
        final String name;
        final String serviceName;

        Row(TaskEntry entry, String serviceName) {
            this.entry = entry;
            this.task = entry.task();
            this.serviceName = serviceName;
            this.name = task.slot() > 0 ? serviceName + "." + task.slot() : serviceName + "." + task.nodeId();
        }
    }

    @Override
    protected void execute() {
        Map<String, List<String>> query = parseFilters();
        Map<String, String> serviceNames = new LinkedHashMap<>();
        for (String ref : services) {
            Service s = client().service(ref);
            serviceNames.put(s.id(), s.spec().name());
        }
        query.put("service", new ArrayList<>(serviceNames.keySet()));
        List<Row> rows = new ArrayList<>();
        for (TaskEntry e : client().tasks(query)) {
            String svc = serviceNames.getOrDefault(e.task().serviceId(),
                    e.task().serviceAnnotations() == null ? e.task().serviceId() : e.task().serviceAnnotations().name());
            rows.add(new Row(e, svc));
        }
        rows.sort(Comparator.comparing((Row r) -> r.serviceName)
                .thenComparingInt(r -> r.task.slot())
                .thenComparing(r -> r.task.nodeId() == null ? "" : r.task.nodeId())
                .thenComparing(ServicePs::created, Comparator.reverseOrder()));
        if (quiet) {
            for (Row r : rows) out().println(id(r.task.id()));
            return;
        }
        Map<String, String> hostnames = new Resolver(client()).nodeHostnames();
        Instant now = now();
        Table t = new Table("ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR", "PORTS");
        String previous = null;
        for (Row r : rows) {
            Task task = r.task;
            String name = r.name.equals(previous) ? " \\_ " + r.name : r.name;
            previous = r.name;
            String image = task.spec() == null || task.spec().containerSpec() == null ? "" : task.spec().containerSpec().image();
            t.row(id(task.id()), name, noTrunc ? image : Display.image(image),
                    task.nodeId() == null ? "" : hostnames.getOrDefault(task.nodeId(), task.nodeId()),
                    task.desiredState() == null ? "" : task.desiredState().display(),
                    currentState(task.status(), now), error(task.status()), Display.ports(r.entry.ports(), null));
        }
        t.print(out());
    }

    private Map<String, List<String>> parseFilters() {
        Map<String, List<String>> m = new HashMap<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? f : f.substring(0, eq);
            if (eq <= 0 || eq == f.length() - 1) {
                throw new ParameterException(spec.commandLine(), "bad format of filter '" + f + "' (expected name=value)");
            }
            if (!key.equals("desired-state") && !key.equals("node")) {
                throw new ParameterException(spec.commandLine(), "invalid filter '" + key + "' (supported: desired-state, node)");
            }
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(f.substring(eq + 1));
        }
        return m;
    }

    private String id(String id) { return noTrunc ? id : Ids.shortId(id); }

    private static Instant created(Row r) {
        if (r.task.createdAt() != null) return r.task.createdAt();
        if (r.task.status() != null && r.task.status().timestamp() != null) return r.task.status().timestamp();
        return Instant.EPOCH;
    }

    private static String currentState(TaskStatus status, Instant now) {
        if (status == null || status.state() == null) return "";
        String state = status.state().display();
        return status.timestamp() == null ? state : state + " " + TimeAgo.ago(status.timestamp(), now);
    }

    private String error(TaskStatus status) {
        if (status == null || status.err() == null || status.err().isEmpty()) return "";
        String e = status.err();
        if (!noTrunc && e.length() > MAX_ERROR_LENGTH) e = e.substring(0, MAX_ERROR_LENGTH - 1) + "…";
        return "\"" + e + "\"";
    }
}
