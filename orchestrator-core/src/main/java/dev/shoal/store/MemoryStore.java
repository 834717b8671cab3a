package dev.shoal.store;

import dev.shoal.model.Cluster;
import dev.shoal.model.Config;
import dev.shoal.model.Network;
import dev.shoal.model.Secret;
import dev.shoal.model.Node;
import dev.shoal.model.Service;
import dev.shoal.model.StoreObject;
import dev.shoal.model.Task;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The cluster's state: typed tables of nodes, services, tasks, networks, secrets, configs and the
 * cluster object, with indexes of tasks by service and by node, and of services, networks, secrets and
 * configs by name.
 *
 * <p>Writes arrive only through {@link #apply}, which the Raft state machine (or a local proposer in
 * tests) calls in log order from one thread; it never throws for a bad action but reports it in the
 * result. Reads go through {@link #view}; watchers through {@link #watch}. Thread-safe: writes hold an
 * exclusive lock, views a shared one.
 *
 * <p>Tasks are stored sharing the values they repeat (their service's template, endpoint and name, the
 * id strings, status messages; see {@link TaskInterner}), so a replica's heap grows by the task's own
 * fields only, however many copies of the spec the log carries.
 */
public final class MemoryStore {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, Service> services = new HashMap<>();
    private final Map<String, String> serviceIdsByName = new HashMap<>();
    private final Map<String, Task> tasks = new HashMap<>();
    private final Map<String, Map<String, Task>> tasksByService = new HashMap<>();
    private final Map<String, Map<String, Task>> tasksByNode = new HashMap<>();
    private final NamedTable<Network> networks = new NamedTable<>();
    private final NamedTable<Secret> secrets = new NamedTable<>();
    private final NamedTable<Config> configs = new NamedTable<>();
    private final TaskInterner interner = new TaskInterner();
    private Cluster cluster;
    private long lastIndex;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ReadTx reader = new Reader();

    /** Runs {@code fn} against a consistent view of the store. */
    public <T> T view(Function<ReadTx, T> fn) {
        lock.readLock().lock();
        try {
            return fn.apply(reader);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Reads the store and starts watching it in one step: {@code initial} sees the state just before the
     * first event the returned subscription will deliver.
     */
    public Subscription watch(Consumer<ReadTx> initial) {
        lock.readLock().lock();
        try {
            initial.accept(reader);
            Subscription[] holder = new Subscription[1];
            Subscription s = new Subscription(() -> subscriptions.remove(holder[0]));
            holder[0] = s;
            subscriptions.add(s);
            return s;
        } finally {
            lock.readLock().unlock();
        }
    }

    public long lastIndex() {
        return view(ReadTx::lastIndex);
    }

    /**
     * Applies a committed proposal at log {@code index}. Every object it writes is stamped with version
     * {@code index}. Never throws for a refused action: refusals are returned, and an atomic proposal
     * with any refusal leaves the store unchanged (but still advances the index).
     */
    public CommitResult apply(long index, Proposal proposal) {
        lock.writeLock().lock();
        try {
            List<CommitResult.Rejection> rejected = new ArrayList<>();
            List<StoreEvent> events = new ArrayList<>(proposal.actions().size() + 1);
            Deque<Runnable> undo = proposal.atomic() ? new ArrayDeque<>() : null;
            List<StoreAction> actions = proposal.actions();
            for (int i = 0; i < actions.size(); i++) {
                StoreError err;
                try {
                    err = applyOne(index, actions.get(i), events, undo);
                } catch (RuntimeException e) {
                    err = new StoreError(StoreError.Code.INVALID, "invalid action: " + e);
                }
                if (err != null) {
                    rejected.add(new CommitResult.Rejection(i, err));
                    if (proposal.atomic()) {
                        while (!undo.isEmpty()) undo.pop().run();
                        events.clear();
                        break;
                    }
                }
            }
            lastIndex = Math.max(lastIndex, index);
            events.add(new StoreEvent.Commit(index));
            for (Subscription s : subscriptions) s.offer(events);
            return new CommitResult(index, rejected);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private StoreError applyOne(long index, StoreAction action, List<StoreEvent> events, Deque<Runnable> undo) {
        Version v = new Version(index);
        if (action instanceof StoreAction.Create c) return create(v, c.object(), events, undo);
        if (action instanceof StoreAction.Update u) return update(v, u.object(), events, undo);
        if (action instanceof StoreAction.Delete d) return delete(d.kind(), d.id(), events, undo);
        if (action instanceof StoreAction.AssignTask a) return assignTask(v, a, events, undo);
        StoreAction.UpdateTaskStatus u = (StoreAction.UpdateTaskStatus) action;
        return updateTaskStatus(v, u.taskId(), u.status(), events, undo);
    }

    private StoreError create(Version v, StoreObject o, List<StoreEvent> events, Deque<Runnable> undo) {
        if (get(o.kind(), o.id()) != null) {
            return new StoreError(StoreError.Code.EXISTS, kindName(o.kind()) + " " + o.id() + " already exists");
        }
        if (o instanceof Service s && serviceIdsByName.containsKey(s.spec().name())) {
            return nameConflict(s);
        }
        NamedTable<?> named = named(o.kind());
        if (named != null && named.nameTakenByOther(o)) return nameConflict(o);
        StoreObject stamped = canonical(o.withMeta(v, o.createdAt(), o.updatedAt() == null ? o.createdAt() : o.updatedAt()));
        put(stamped, null);
        if (undo != null) undo.push(() -> remove(stamped));
        events.add(new StoreEvent.Created(stamped));
        return null;
    }

    private StoreError update(Version v, StoreObject o, List<StoreEvent> events, Deque<Runnable> undo) {
        StoreObject old = get(o.kind(), o.id());
        if (old == null) return notFound(o.kind(), o.id());
        if (old.version().index() != o.version().index()) {
            return new StoreError(StoreError.Code.CONFLICT, "update out of sequence: " + kindName(o.kind()) + " " + o.id()
                    + " is at version " + old.version().index() + ", the update was made from version " + o.version().index());
        }
        if (o instanceof Service s) {
            String other = serviceIdsByName.get(s.spec().name());
            if (other != null && !other.equals(s.id())) return nameConflict(s);
        }
        NamedTable<?> named = named(o.kind());
        if (named != null && named.nameTakenByOther(o)) return nameConflict(o);
        StoreObject stamped = canonical(o.withMeta(v, old.createdAt(), o.updatedAt() == null ? old.updatedAt() : o.updatedAt()));
        put(stamped, old);
        if (undo != null) undo.push(() -> put(old, stamped));
        events.add(new StoreEvent.Updated(old, stamped));
        return null;
    }

    private StoreError delete(StoreObject.Kind kind, String id, List<StoreEvent> events, Deque<Runnable> undo) {
        StoreObject old = get(kind, id);
        if (old == null) return notFound(kind, id);
        remove(old);
        if (undo != null) undo.push(() -> put(old, null));
        events.add(new StoreEvent.Deleted(old));
        return null;
    }

    /** Moves a task's observed state forward; a stale or unknown report is dropped without error. */
    private StoreError updateTaskStatus(Version v, String taskId, TaskStatus status, List<StoreEvent> events, Deque<Runnable> undo) {
        Task old = tasks.get(taskId);
        if (old == null || status == null || status.state() == null) return null;
        if (old.status() != null && old.status().state().isAfter(status.state())) return null;
        Task updated = (Task) canonical(old.withStatus(status).withMeta(v, old.createdAt(), status.timestamp()));
        put(updated, old);
        if (undo != null) undo.push(() -> put(old, updated));
        events.add(new StoreEvent.Updated(old, updated));
        return null;
    }

    /**
     * Gives a task waiting for a node ({@link Task#awaitsNode()}) its node and ASSIGNED status. Refused with
     * CONFLICT when the task no longer waits or the node is gone, NOT_FOUND when the task is gone, INVALID
     * for an assignment without a node or with a status other than ASSIGNED.
     */
    private StoreError assignTask(Version v, StoreAction.AssignTask a, List<StoreEvent> events, Deque<Runnable> undo) {
        if (a.nodeId() == null || a.status() == null || a.status().state() != dev.shoal.model.TaskState.ASSIGNED) {
            return new StoreError(StoreError.Code.INVALID, "an assignment needs a node and the status ASSIGNED");
        }
        Task old = tasks.get(a.taskId());
        if (old == null) return notFound(StoreObject.Kind.TASK, a.taskId());
        if (!old.awaitsNode()) {
            return new StoreError(StoreError.Code.CONFLICT, "task " + old.id() + " no longer waits for a node (node "
                    + old.nodeId() + ", state " + (old.status() == null ? null : old.state()) + ", desired " + old.desiredState() + ")");
        }
        if (!nodes.containsKey(a.nodeId())) {
            return new StoreError(StoreError.Code.CONFLICT, "task " + old.id() + " cannot be assigned to node " + a.nodeId() + ": no such node");
        }
        Task updated = (Task) canonical(old.withNode(a.nodeId(), a.status()).withMeta(v, old.createdAt(), a.status().timestamp()));
        put(updated, old);
        if (undo != null) undo.push(() -> put(old, updated));
        events.add(new StoreEvent.Updated(old, updated));
        return null;
    }

    /** {@code o} sharing the values the store already holds (see {@link TaskInterner}); other kinds unchanged. */
    private StoreObject canonical(StoreObject o) {
        if (!(o instanceof Task t)) return o;
        return interner.intern(t, services.get(t.serviceId()), t.nodeId() == null ? null : nodes.get(t.nodeId()));
    }

    private static String kindName(StoreObject.Kind kind) { return kind.name().toLowerCase(java.util.Locale.ROOT); }

    private static StoreError nameConflict(Service s) {
        return new StoreError(StoreError.Code.NAME_CONFLICT, "service " + s.spec().name() + " already exists");
    }

    private static StoreError nameConflict(StoreObject o) {
        return new StoreError(StoreError.Code.NAME_CONFLICT, kindName(o.kind()) + " " + o.name() + " already exists");
    }

    private NamedTable<?> named(StoreObject.Kind kind) {
        return switch (kind) {
            case NETWORK -> networks;
            case SECRET -> secrets;
            case CONFIG -> configs;
            default -> null;
        };
    }

    private static StoreError notFound(StoreObject.Kind kind, String id) {
        return new StoreError(StoreError.Code.NOT_FOUND, kindName(kind) + " " + id + " not found");
    }

    private StoreObject get(StoreObject.Kind kind, String id) {
        return switch (kind) {
            case NODE -> nodes.get(id);
            case SERVICE -> services.get(id);
            case TASK -> tasks.get(id);
            case CLUSTER -> cluster != null && cluster.id().equals(id) ? cluster : null;
            case NETWORK -> networks.get(id);
            case SECRET -> secrets.get(id);
            case CONFIG -> configs.get(id);
        };
    }

    /** Inserts or replaces {@code o}, keeping indexes right; {@code old} is the object it replaces, if any. */
    private void put(StoreObject o, StoreObject old) {
        if (o instanceof Node n) {
            nodes.put(n.id(), n);
        } else if (o instanceof Service s) {
            if (old instanceof Service os) serviceIdsByName.remove(os.spec().name());
            services.put(s.id(), s);
            serviceIdsByName.put(s.spec().name(), s.id());
            interner.serviceChanged(s);
        } else if (o instanceof Task t) {
            if (old instanceof Task ot) unindex(ot);
            tasks.put(t.id(), t);
            tasksByService.computeIfAbsent(t.serviceId(), k -> new LinkedHashMap<>()).put(t.id(), t);
            if (t.nodeId() != null) tasksByNode.computeIfAbsent(t.nodeId(), k -> new LinkedHashMap<>()).put(t.id(), t);
        } else if (o instanceof Cluster c) {
            cluster = c;
        } else {
            named(o.kind()).put(o, old);
        }
    }

    private void remove(StoreObject o) {
        if (o instanceof Node n) {
            nodes.remove(n.id());
        } else if (o instanceof Service s) {
            services.remove(s.id());
            serviceIdsByName.remove(s.spec().name(), s.id());
            interner.serviceRemoved(s.id());
        } else if (o instanceof Task t) {
            tasks.remove(t.id());
            unindex(t);
        } else if (o instanceof Cluster) {
            cluster = null;
        } else {
            named(o.kind()).remove(o);
        }
    }

    private void unindex(Task t) {
        removeFromIndex(tasksByService, t.serviceId(), t.id());
        if (t.nodeId() != null) removeFromIndex(tasksByNode, t.nodeId(), t.id());
    }

    private static void removeFromIndex(Map<String, Map<String, Task>> index, String key, String id) {
        Map<String, Task> m = index.get(key);
        if (m == null) return;
        m.remove(id);
        if (m.isEmpty()) index.remove(key);
    }

    /** Copies the whole store for a snapshot. */
    public StoreSnapshot snapshot() {
        return view(r -> new StoreSnapshot(lastIndex, cluster, new ArrayList<>(nodes.values()),
                new ArrayList<>(services.values()), new ArrayList<>(tasks.values()), new ArrayList<>(networks.values()),
                new ArrayList<>(secrets.values()), new ArrayList<>(configs.values())));
    }

    /** Replaces the whole store with {@code snap}; watchers receive {@link StoreEvent.Reset}. */
    public void restore(StoreSnapshot snap) {
        lock.writeLock().lock();
        try {
            nodes.clear();
            services.clear();
            serviceIdsByName.clear();
            tasks.clear();
            tasksByService.clear();
            tasksByNode.clear();
            networks.clear();
            secrets.clear();
            configs.clear();
            interner.clear();
            cluster = null;
            if (snap.cluster() != null) put(snap.cluster(), null);
            for (Node n : snap.nodes()) put(n, null);
            for (Service s : snap.services()) put(s, null);
            for (Task t : snap.tasks()) put(canonical(t), null);
            for (Network n : snap.networks()) put(n, null);
            for (Secret x : snap.secrets()) put(x, null);
            for (Config x : snap.configs()) put(x, null);
            lastIndex = snap.index();
            List<StoreEvent> events = List.of(new StoreEvent.Reset(snap.index()));
            for (Subscription s : subscriptions) s.offer(events);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private final class Reader implements ReadTx {
        @Override public Network network(String id) { return networks.get(id); }
        @Override public Network networkByName(String name) { return networks.byName(name); }
        @Override public Collection<Network> networks() { return networks.values(); }
        @Override public Secret secret(String id) { return secrets.get(id); }
        @Override public Secret secretByName(String name) { return secrets.byName(name); }
        @Override public Collection<Secret> secrets() { return secrets.values(); }
        @Override public Config config(String id) { return configs.get(id); }
        @Override public Config configByName(String name) { return configs.byName(name); }
        @Override public Collection<Config> configs() { return configs.values(); }
        @Override public Node node(String id) { return nodes.get(id); }
        @Override public Collection<Node> nodes() { return Collections.unmodifiableCollection(nodes.values()); }
        @Override public Service service(String id) { return services.get(id); }

        @Override
        public Service serviceByName(String name) {
            String id = serviceIdsByName.get(name);
            return id == null ? null : services.get(id);
        }

        @Override public Collection<Service> services() { return Collections.unmodifiableCollection(services.values()); }
        @Override public Task task(String id) { return tasks.get(id); }
        @Override public Collection<Task> tasks() { return Collections.unmodifiableCollection(tasks.values()); }

        @Override
        public Collection<Task> tasksOfService(String serviceId) {
            Map<String, Task> m = tasksByService.get(serviceId);
            return m == null ? List.of() : Collections.unmodifiableCollection(m.values());
        }

        @Override
        public Collection<Task> tasksOfNode(String nodeId) {
            Map<String, Task> m = tasksByNode.get(nodeId);
            return m == null ? List.of() : Collections.unmodifiableCollection(m.values());
        }

        @Override public Cluster cluster() { return cluster; }
        @Override public long lastIndex() { return lastIndex; }
    }
}
