package dev.shoal.store;

import dev.shoal.model.EndpointSpec;
import dev.shoal.model.Node;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceAnnotations;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Makes the tasks a {@link MemoryStore} holds share the values they repeat, so a million tasks do not
 * hold a million copies of a few specs. Every task arriving through the Raft log is freshly decoded, with
 * its own copy of its service's task template, endpoint spec, name and id, its node's id and its status
 * strings; this swaps each such value for an equal one the store already holds: the service's current or
 * previous template and endpoint, one {@link ServiceAnnotations} per service, the service's and node's
 * id strings, and interned status messages. Values are only ever replaced by equal ones, so a task's
 * meaning (and its JSON) never changes.
 *
 * <p>Not thread-safe: the store calls it under its write lock.
 */
final class TaskInterner {
    private final Map<String, ServiceAnnotations> annotations = new HashMap<>();

    /** Records {@code s}'s name as the one its tasks share. */
    void serviceChanged(Service s) {
        ServiceAnnotations a = annotations.get(s.id());
        if (a == null || !a.name().equals(s.spec().name())) annotations.put(s.id(), new ServiceAnnotations(s.spec().name()));
    }

    void serviceRemoved(String serviceId) { annotations.remove(serviceId); }

    void clear() { annotations.clear(); }

    /** {@code t} with its repeated values replaced by the shared equal ones ({@code t} itself when none differ). */
    Task intern(Task t, Service service, Node node) {
        String serviceId = t.serviceId();
        TaskSpec spec = t.spec();
        EndpointSpec endpoint = t.endpoint();
        ServiceAnnotations ann = t.serviceAnnotations();
        if (service != null) {
            serviceId = service.id();
            var prev = service.previousSpec();
            spec = shared(spec, service.spec().taskTemplate(), prev == null ? null : prev.taskTemplate());
            endpoint = shared(endpoint, service.spec().endpointSpec(), prev == null ? null : prev.endpointSpec());
            ann = shared(ann, annotations.get(service.id()), null);
        }
        String nodeId = node != null ? node.id() : t.nodeId();
        TaskStatus status = status(t.status());
        if (serviceId == t.serviceId() && spec == t.spec() && endpoint == t.endpoint() && ann == t.serviceAnnotations()
                && nodeId == t.nodeId() && status == t.status()) {
            return t;
        }
        return new Task(t.id(), t.version(), t.createdAt(), t.updatedAt(), spec, serviceId, ann, t.slot(), nodeId, status,
                t.desiredState(), endpoint, t.assignedGenericResources());
    }

    /** A status whose message and error are the JVM's interned strings (agents and managers use a few dozen). */
    private static TaskStatus status(TaskStatus s) {
        if (s == null) return null;
        String m = s.message() == null ? null : s.message().intern();
        String e = s.err() == null ? null : s.err().intern();
        if (m == s.message() && e == s.err()) return s;
        return new TaskStatus(s.timestamp(), s.state(), m, e, s.containerStatus());
    }

    /** {@code a} or {@code b} when equal to {@code v} (identity first: most values are shared already), else {@code v}. */
    private static <T> T shared(T v, T a, T b) {
        if (v == null || v == a || v == b) return v;
        if (a != null && Objects.equals(v, a)) return a;
        if (b != null && Objects.equals(v, b)) return b;
        return v;
    }
}
