package dev.shoal.cli.format;

import dev.shoal.cli.Display;
import dev.shoal.cli.client.TaskEntry;
import dev.shoal.model.Ids;
import dev.shoal.model.Task;
import dev.shoal.model.TaskStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Docker's task list, shared by {@code service ps} and {@code node ps}: columns ID NAME IMAGE NODE
 * DESIRED STATE CURRENT STATE ERROR PORTS, tasks grouped by service name and slot (node for global
 * services), newest first, older tasks of a slot prefixed with {@code \_ }; ids, images and errors
 * truncated unless {@code noTrunc}; {@code -q} prints ids only. Immutable; one instance per command run.
 */
public final class TaskTable {
    private static final int MAX_ERROR_LENGTH = 30;

    private final boolean noTrunc;
    private final Instant now;

    /** A printer that truncates unless {@code noTrunc}, with relative times counted from {@code now}. */
    public TaskTable(boolean noTrunc, Instant now) {
        this.noTrunc = noTrunc;
        this.now = now;
    }

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

    /**
     * Prints {@code tasks} in Docker's order.
     *
     * @param serviceNames service names by id; a task of a service not in it uses its own service annotations
     * @param hostnames    node hostnames by id, for the NODE column (ignored when {@code quiet})
     * @param quiet        print task ids only
     */
    public void print(List<TaskEntry> tasks, Map<String, String> serviceNames, Map<String, String> hostnames, boolean quiet, PrintWriter out) {
        List<Row> rows = new ArrayList<>(tasks.size());
        for (TaskEntry e : tasks) rows.add(new Row(e, serviceName(e.task(), serviceNames)));
        rows.sort(Comparator.comparing((Row r) -> r.serviceName)
                .thenComparingInt(r -> r.task.slot())
                .thenComparing(r -> r.task.nodeId() == null ? "" : r.task.nodeId())
                .thenComparing(TaskTable::created, Comparator.reverseOrder()));
        if (quiet) {
            for (Row r : rows) out.println(id(r.task.id()));
            out.flush();
            return;
        }
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
                    currentState(task.status()), error(task.status()), Display.ports(r.entry.ports(), null));
        }
        t.print(out);
    }

    private static String serviceName(Task t, Map<String, String> names) {
        String n = names.get(t.serviceId());
        if (n != null) return n;
        return t.serviceAnnotations() == null || t.serviceAnnotations().name() == null ? t.serviceId() : t.serviceAnnotations().name();
    }

    private String id(String id) { return noTrunc ? id : Ids.shortId(id); }

    private static Instant created(Row r) {
        if (r.task.createdAt() != null) return r.task.createdAt();
        if (r.task.status() != null && r.task.status().timestamp() != null) return r.task.status().timestamp();
        return Instant.EPOCH;
    }

    private String currentState(TaskStatus status) {
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
