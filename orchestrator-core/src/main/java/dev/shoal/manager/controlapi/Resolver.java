package dev.shoal.manager.controlapi;

import dev.shoal.model.Node;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.store.ReadTx;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the one object a user's reference names, as Docker does: an exact id first, then an exact
 * name (a service's name, a node's hostname), then a unique id prefix. Throws {@link ApiException}:
 * NOT_FOUND ("service web not found") or INVALID for an ambiguous reference ("service ab is
 * ambiguous (2 matches found)"). Stateless; use inside one store view.
 */
final class Resolver {
    private Resolver() {}

    static Service service(ReadTx tx, String ref) {
        requireRef("service", ref);
        Service s = tx.service(ref);
        if (s != null) return s;
        s = tx.serviceByName(ref);
        if (s != null) return s;
        List<Service> matches = new ArrayList<>();
        for (Service c : tx.services()) if (c.id().startsWith(ref)) matches.add(c);
        return one("service", ref, matches);
    }

    static Node node(ReadTx tx, String ref) {
        requireRef("node", ref);
        Node n = tx.node(ref);
        if (n != null) return n;
        List<Node> byName = new ArrayList<>();
        for (Node c : tx.nodes()) if (c.hostname().equals(ref)) byName.add(c);
        if (!byName.isEmpty()) return one("node", ref, byName);
        List<Node> matches = new ArrayList<>();
        for (Node c : tx.nodes()) if (c.id().startsWith(ref)) matches.add(c);
        return one("node", ref, matches);
    }

    static Task task(ReadTx tx, String ref) {
        requireRef("task", ref);
        Task t = tx.task(ref);
        if (t != null) return t;
        List<Task> matches = new ArrayList<>();
        for (Task c : tx.tasks()) if (c.id().startsWith(ref)) matches.add(c);
        return one("task", ref, matches);
    }

    /**
     * A network, secret or config as {@code ref} names it: an id, then a name, then a unique id prefix
     * (NOT_FOUND or ambiguous INVALID otherwise, as for services).
     */
    static <T extends dev.shoal.model.StoreObject> T named(ReadTx tx, String kind, String ref, java.util.function.Function<String, T> byId,
                                                            java.util.function.Function<String, T> byName, java.util.Collection<T> all) {
        requireRef(kind, ref);
        T found = byId.apply(ref);
        if (found == null) found = byName.apply(ref);
        if (found != null) return found;
        List<T> matches = new ArrayList<>();
        for (T o : all) if (o.id().startsWith(ref)) matches.add(o);
        return one(kind, ref, matches);
    }

    private static void requireRef(String what, String ref) {
        if (ref == null || ref.isEmpty()) throw ApiException.invalid("a " + what + " name or id must be provided");
    }

    private static <T> T one(String what, String ref, List<T> matches) {
        if (matches.isEmpty()) throw ApiException.notFound(what + " " + ref + " not found");
        if (matches.size() > 1) {
            throw ApiException.invalid(what + " " + ref + " is ambiguous (" + matches.size()
                    + " matches found): give more characters of the id, or the full " + (what.equals("node") ? "hostname" : "name"));
        }
        return matches.get(0);
    }
}
