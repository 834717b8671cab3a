package dev.shoal.cli.format;

import dev.shoal.cli.Display;
import dev.shoal.cli.opts.ByteSize;
import dev.shoal.model.Node;
import dev.shoal.model.NodeDescription;
import java.util.Map;
import java.util.TreeMap;

/** Renders a node as {@code docker node inspect --pretty} does (the same labels, tab-separated). */
public final class NodePretty {
    /** The node's pretty form, ending with a newline. */
    public String render(Node n) {
        StringBuilder b = new StringBuilder();
        b.append("ID:\t\t\t").append(n.id()).append('\n');
        if (n.spec() != null && n.spec().name() != null && !n.spec().name().isEmpty()) b.append("Name:\t\t\t").append(n.spec().name()).append('\n');
        if (n.spec() != null && !n.spec().labels().isEmpty()) {
            b.append("Labels:\n");
            labels(b, n.spec().labels());
        }
        b.append("Hostname:              \t").append(n.hostname()).append('\n');
        if (n.createdAt() != null) b.append("Joined at:             \t").append(n.createdAt()).append('\n');
        b.append("Status:\n");
        if (n.status() != null) {
            b.append(" State:\t\t\t").append(n.status().state() == null ? "" : n.status().state().display()).append('\n');
            if (n.status().message() != null && !n.status().message().isEmpty()) b.append(" Message:              \t").append(n.status().message()).append('\n');
        }
        if (n.spec() != null) b.append(" Availability:         \t").append(n.spec().availability().display()).append('\n');
        if (n.status() != null && n.status().addr() != null && !n.status().addr().isEmpty()) b.append(" Address:\t\t").append(n.status().addr()).append('\n');
        if (n.managerStatus() != null) {
            b.append("Manager Status:\n");
            b.append(" Address:\t\t").append(n.managerStatus().addr() == null ? "" : n.managerStatus().addr()).append('\n');
            b.append(" Raft Status:\t\t").append(Display.reachability(n.managerStatus().reachability())).append('\n');
            b.append(" Leader:\t\t").append(n.managerStatus().leader() ? "Yes" : "No").append('\n');
        }
        NodeDescription d = n.description();
        if (d != null) {
            b.append("Platform:\n");
            b.append(" Operating System:\t").append(d.platform() == null || d.platform().os() == null ? "" : d.platform().os()).append('\n');
            b.append(" Architecture:\t\t").append(d.platform() == null || d.platform().architecture() == null ? "" : d.platform().architecture()).append('\n');
            b.append("Resources:\n");
            long nanoCpus = d.resources() == null ? 0 : d.resources().nanoCpus();
            long memory = d.resources() == null ? 0 : d.resources().memoryBytes();
            b.append(" CPUs:\t\t\t").append(nanoCpus / 1_000_000_000L).append('\n');
            b.append(" Memory:\t\t").append(ByteSize.format(memory)).append('\n');
            b.append("Engine Version:\t\t").append(Display.engineVersion(n)).append('\n');
            if (d.engine() != null && !d.engine().labels().isEmpty()) {
                b.append("Engine Labels:\n");
                labels(b, d.engine().labels());
            }
        }
        return b.toString();
    }

    private static void labels(StringBuilder b, Map<String, String> labels) {
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            b.append(" - ").append(e.getKey());
            if (!e.getValue().isEmpty()) b.append('=').append(e.getValue());
            b.append('\n');
        }
    }
}
