package dev.shoal.cli;

import dev.shoal.model.ManagerStatus;
import dev.shoal.model.Node;
import dev.shoal.model.PortConfig;
import dev.shoal.model.Reachability;
import java.util.ArrayList;
import java.util.List;

/** Docker's spellings of model values in tables: images without digests, port lists, manager status. */
public final class Display {
    private Display() {}

    /** The image as tables show it: without an {@code @sha256:…} digest. */
    public static String image(String image) {
        if (image == null) return "";
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    /** Ports as {@code *:8080->80/tcp,*:8443->443/tcp}; only those of the given publish mode (null for all). */
    public static String ports(List<PortConfig> ports, String mode) {
        List<String> parts = new ArrayList<>();
        for (PortConfig p : ports) {
            if (mode == null || mode.equals(p.publishMode())) parts.add(p.display());
        }
        return String.join(",", parts);
    }

    /** The MANAGER STATUS column: Leader, Reachable, Unreachable, Unknown, or empty for a worker. */
    public static String managerStatus(Node node) {
        ManagerStatus m = node.managerStatus();
        if (m == null) return "";
        return m.leader() ? "Leader" : reachability(m.reachability());
    }

    /** A manager's Raft reachability as Docker prints it: Reachable, Unreachable, Unknown. */
    public static String reachability(Reachability r) {
        if (r == null) return "Unknown";
        String s = r.json();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The node's engine version, or empty. */
    public static String engineVersion(Node node) {
        if (node.description() == null || node.description().engine() == null) return "";
        String v = node.description().engine().engineVersion();
        return v == null ? "" : v;
    }
}
