package dev.shoal.manager.scheduler;

import dev.shoal.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One placement constraint, {@code key==value} or {@code key!=value}, as Swarm spells them. Keys:
 * {@code node.id}, {@code node.hostname}, {@code node.role}, {@code node.platform.os},
 * {@code node.platform.arch}, {@code node.labels.<name>} (the node's spec labels) and
 * {@code engine.labels.<name>} (its engine's labels). Values compare case-insensitively; a missing label
 * reads as empty (so {@code !=} matches it). Unlike Swarm, an unknown key is refused at parse time
 * rather than silently never matching. Immutable and thread-safe.
 */
public record Constraint(String key, boolean equal, String value) {
    private static final Pattern KEY = Pattern.compile("(?i)^[a-z_][a-z0-9\\-_.]+$");
    private static final Pattern VALUE = Pattern.compile("(?i)^[a-z0-9:\\-_\\s.*()?+\\[\\]\\\\^$|/]+$");
    private static final String KEYS =
            "node.id, node.hostname, node.role, node.platform.os, node.platform.arch, node.labels.<label> or engine.labels.<label>";

    /**
     * Parses one expression. Throws IllegalArgumentException with a message fit for the user (the API
     * validates services with it) when the expression has no operator, a bad key or value.
     */
    public static Constraint parse(String expr) {
        if (expr == null) throw new IllegalArgumentException("invalid constraint: empty expression");
        int eq = expr.indexOf("==");
        int ne = expr.indexOf("!=");
        int at;
        boolean equal;
        if (eq >= 0 && (ne < 0 || eq < ne)) {
            at = eq;
            equal = true;
        } else if (ne >= 0) {
            at = ne;
            equal = false;
        } else {
            throw new IllegalArgumentException("invalid constraint \"" + expr + "\": expected one operator from ==, !=");
        }
        String key = expr.substring(0, at).trim();
        String value = expr.substring(at + 2).trim();
        if (!KEY.matcher(key).matches()) throw new IllegalArgumentException("invalid constraint \"" + expr + "\": key '" + key + "' is invalid");
        if (!VALUE.matcher(value).matches()) throw new IllegalArgumentException("invalid constraint \"" + expr + "\": value '" + value + "' is invalid");
        String k = key.toLowerCase(Locale.ROOT);
        boolean known = k.equals("node.id") || k.equals("node.hostname") || k.equals("node.role") || k.equals("node.platform.os")
                || k.equals("node.platform.arch")
                || (k.startsWith("node.labels.") && k.length() > "node.labels.".length())
                || (k.startsWith("engine.labels.") && k.length() > "engine.labels.".length());
        if (!known) throw new IllegalArgumentException("invalid constraint \"" + expr + "\": unknown key '" + key + "', expected " + KEYS);
        return new Constraint(key, equal, value);
    }

    /** Parses every expression; throws IllegalArgumentException on the first bad one. */
    public static List<Constraint> parseAll(List<String> exprs) {
        List<Constraint> out = new ArrayList<>(exprs.size());
        for (String e : exprs) out.add(parse(e));
        return out;
    }

    /** Whether {@code node} satisfies this constraint. */
    public boolean matches(Node node) {
        String actual = actual(node);
        boolean same = actual != null && actual.equalsIgnoreCase(value);
        return equal == same;
    }

    private String actual(Node n) {
        String k = key.toLowerCase(Locale.ROOT);
        switch (k) {
            case "node.id": return n.id();
            case "node.hostname": return n.hostname();
            case "node.role": return n.spec().role().json();
            case "node.platform.os": return n.description() == null || n.description().platform() == null ? "" : nz(n.description().platform().os());
            case "node.platform.arch":
                return n.description() == null || n.description().platform() == null ? "" : nz(n.description().platform().architecture());
            default:
                break;
        }
        if (k.startsWith("node.labels.")) return label(n.spec().labels(), key.substring("node.labels.".length()));
        if (k.startsWith("engine.labels.")) {
            Map<String, String> labels = n.description() == null || n.description().engine() == null ? Map.of() : n.description().engine().labels();
            return label(labels, key.substring("engine.labels.".length()));
        }
        return null;
    }

    private static String label(Map<String, String> labels, String name) {
        String v = labels.get(name);
        return v == null ? "" : v;
    }

    private static String nz(String s) { return s == null ? "" : s; }

    @Override
    public String toString() { return key + (equal ? "==" : "!=") + value; }
}
