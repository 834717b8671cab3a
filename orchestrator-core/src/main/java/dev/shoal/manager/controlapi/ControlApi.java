package dev.shoal.manager.controlapi;

import dev.shoal.manager.orchestrator.jobs.JobRun;
import dev.shoal.model.Cluster;
import dev.shoal.model.Ids;
import dev.shoal.model.JoinTokens;
import dev.shoal.model.Node;
import dev.shoal.model.NodeRole;
import dev.shoal.model.NodeSpec;
import dev.shoal.model.NodeState;
import dev.shoal.model.PortConfig;
import dev.shoal.model.ReplicatedJob;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.StoreObject;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.UpdateState;
import dev.shoal.model.UpdateStatus;
import dev.shoal.model.Version;
import dev.shoal.store.Proposal;
import dev.shoal.store.ReadTx;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreError;
import dev.shoal.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The control API's logic, free of any transport: validates what users ask for, resolves their
 * references to objects, and turns requests into store proposals. Reads come from the local store
 * replica; writes block until committed (so call them off any event loop).
 *
 * <p>Every failure a user can cause or see is an {@link ApiException} whose kind fixes the HTTP
 * status; none is fatal to the API. Thread-safe: it holds no mutable state of its own.
 */
public final class ControlApi {
    private static final int NAME_ATTEMPTS = 10;

    private final Store store;
    private final Clock clock;
    private final Ids ids = new Ids();
    private final java.security.SecureRandom secrets = new java.security.SecureRandom();
    private final NameGenerator names;
    private final ClusterResources resources;
    /** The serving manager's live view of the Raft group, or null to show the stored MANAGER STATUS as is. */
    private final RaftView raftView;

    public ControlApi(Store store, Clock clock) {
        this(store, clock, new Random());
    }

    /** As {@link #ControlApi(Store, Clock)}, showing nodes' MANAGER STATUS as {@code raftView} sees it now (see {@link LiveManagerStatus}). */
    public ControlApi(Store store, Clock clock, RaftView raftView) {
        this(store, clock, new Random(), raftView);
    }

    /** As {@link #ControlApi(Store, Clock)}, with the source of randomness for generated service names. */
    public ControlApi(Store store, Clock clock, Random random) {
        this(store, clock, random, null);
    }

    private ControlApi(Store store, Clock clock, Random random, RaftView raftView) {
        this.raftView = raftView;
        this.store = store;
        this.clock = clock;
        this.names = new NameGenerator(random);
        this.resources = new ClusterResources(store, clock);
    }

    /** Networks, secrets and configs. */
    public ClusterResources resources() { return resources; }

    /** The cluster object; UNAVAILABLE before {@code swarm init} has been committed. */
    public Cluster cluster() {
        Cluster c = store.view(ReadTx::cluster);
        if (c == null) throw ApiException.unavailable("the swarm has not been initialised yet: no cluster object in the store");
        return c;
    }

    // ---- services ----

    /**
     * Validates {@code spec}, names it if it has no name, and commits a new service; returns its id.
     * INVALID for a bad spec, CONFLICT when the name is taken, UNAVAILABLE when the cluster cannot commit.
     */
    public String createService(ServiceSpec spec) {
        if (spec == null) throw ApiException.invalid("a service spec must be provided");
        spec = defaultMode(spec);
        if (spec.name() == null || spec.name().isEmpty()) spec = withName(spec, freeName());
        SpecValidator.validate(spec);
        ServiceSpec unresolved = spec;
        spec = store.view(tx -> ServiceReferences.resolve(tx, unresolved));
        ServiceSpec checked = spec;
        store.view(tx -> {
            Service existing = tx.serviceByName(checked.name());
            if (existing != null) throw nameConflict(checked.name(), existing.id());
            checkIngressPorts(tx, checked, null);
            return null;
        });
        Instant now = clock.instant();
        Service service = new Service(ids.next(), Version.NONE, now, now, spec, null);
        commit(new StoreAction.Create(service), spec.name());
        return service.id();
    }

    /**
     * Replaces the spec of the service {@code ref} names, provided it is still at {@code version}
     * (CONFLICT "update out of sequence" otherwise). A null or empty name keeps the service's name;
     * renaming and switching between modes (replicated, global, replicated-job, global-job) are refused (INVALID).
     */
    public void updateService(String ref, long version, ServiceSpec spec) {
        if (spec == null) throw ApiException.invalid("a service spec must be provided");
        spec = defaultMode(spec);
        Service current = store.view(tx -> Resolver.service(tx, ref));
        if (spec.name() == null || spec.name().isEmpty()) spec = withName(spec, current.spec().name());
        if (!spec.name().equals(current.spec().name())) {
            throw ApiException.invalid("renaming services is not supported: service " + current.spec().name()
                    + " cannot be renamed to " + spec.name() + " (remove it and create a new one)");
        }
        SpecValidator.validate(spec);
        if (!spec.mode().flag().equals(current.spec().mode().flag())) {
            throw ApiException.invalid("service mode change is not allowed: service " + current.spec().name() + " is "
                    + current.spec().mode().display() + ", the update asks for " + spec.mode().display());
        }
        if (current.version().index() != version) throw outOfSequence(current, version);
        ServiceSpec unresolved = spec;
        spec = store.view(tx -> ServiceReferences.resolve(tx, unresolved));
        ServiceSpec checked = spec;
        store.view(tx -> {
            checkIngressPorts(tx, checked, current.id());
            return null;
        });
        Service updated = current.withSpec(spec).withMeta(new Version(version), current.createdAt(), clock.instant());
        commit(new StoreAction.Update(updated), spec.name());
    }

    /**
     * Puts back the spec the service {@code ref} names had before its last update, as Docker's
     * {@code rollback=previous} does, provided the service is still at {@code version} (CONFLICT otherwise).
     * The spec it replaces becomes the previous one, so a second rollback undoes the first. The update
     * status becomes {@code rollback_started}, and the tasks roll as the service's rollback config says.
     * FAILED_PRECONDITION when the service was never updated; INVALID when the restored spec names a
     * network, secret or config that is gone, or an ingress port another service now publishes.
     */
    public void rollbackService(String ref, long version) {
        Service current = store.view(tx -> Resolver.service(tx, ref));
        ServiceSpec previous = current.previousSpec();
        if (previous == null) {
            throw ApiException.precondition("service " + current.spec().name() + " does not have a previous spec to roll back to"
                    + " (it was never updated)");
        }
        if (current.version().index() != version) throw outOfSequence(current, version);
        ServiceSpec restored = store.view(tx -> {
            ServiceSpec resolved = ServiceReferences.resolve(tx, previous);
            checkIngressPorts(tx, resolved, current.id());
            return resolved;
        });
        Instant now = clock.instant();
        UpdateStatus status = new UpdateStatus(UpdateState.ROLLBACK_STARTED, now, null, "manually requested rollback");
        Service rolledBack = current.rolledBack(restored, status).withMeta(new Version(version), current.createdAt(), now);
        commit(new StoreAction.Update(rolledBack), restored.name());
    }

    /** Deletes the service {@code ref} names; the orchestrator then shuts its tasks down. NOT_FOUND if none. */
    public void removeService(String ref) {
        Service s = store.view(tx -> Resolver.service(tx, ref));
        commit(new StoreAction.Delete(StoreObject.Kind.SERVICE, s.id()), s.spec().name());
    }

    /** The service {@code ref} names: an id, then a name, then a unique id prefix. */
    public Service getService(String ref) {
        return store.view(tx -> Resolver.service(tx, ref));
    }

    /** Every service, by name; each with its {@link ServiceStatus} when {@code withStatus}. */
    public List<ServiceListing> listServices(boolean withStatus) {
        return store.view(tx -> {
            List<Service> services = new ArrayList<>(tx.services());
            services.sort(Comparator.comparing((Service s) -> s.spec().name()).thenComparing(Service::id));
            Set<String> activeNodes = withStatus ? activeNodes(tx) : Set.of();
            List<ServiceListing> out = new ArrayList<>(services.size());
            for (Service s : services) out.add(new ServiceListing(s, withStatus ? status(tx, s, activeNodes) : null));
            return out;
        });
    }

    // ---- nodes ----

    /** Every node, by hostname; managers' MANAGER STATUS as this manager sees it now. */
    public List<Node> listNodes() {
        return store.view(tx -> {
            List<Node> nodes = new ArrayList<>();
            for (Node n : tx.nodes()) nodes.add(LiveManagerStatus.of(n, raftView));
            nodes.sort(Comparator.comparing(Node::hostname).thenComparing(Node::id));
            return nodes;
        });
    }

    /** The node {@code ref} names: an id, then a hostname, then a unique id prefix; MANAGER STATUS as this manager sees it now. */
    public Node getNode(String ref) {
        return LiveManagerStatus.of(store.view(tx -> Resolver.node(tx, ref)), raftView);
    }

    /**
     * Replaces the spec of the node {@code ref} names (labels, availability, name, role), provided it is
     * still at {@code version} (CONFLICT "update out of sequence" otherwise). A null or empty name keeps
     * the node's name; label keys must not be empty. Draining makes the orchestrators move the node's
     * tasks; pausing stops new placements. A role change is promote or demote ({@link MembershipRules}):
     * the node's daemon then joins or leaves the Raft group; demoting the last manager, or a manager
     * whose removal would lose quorum, is refused (FAILED_PRECONDITION) and changes nothing.
     */
    public void updateNode(String ref, long version, NodeSpec spec) {
        if (spec == null) throw ApiException.invalid("a node spec must be provided");
        Node current = store.view(tx -> Resolver.node(tx, ref));
        if (spec.role() == NodeRole.WORKER && current.spec().role() == NodeRole.MANAGER) {
            String refusal = store.view(tx -> MembershipRules.demotionRefusal(tx.nodes(), current));
            if (refusal != null) throw ApiException.precondition(refusal);
        }
        for (String key : spec.labels().keySet()) {
            if (key == null || key.isBlank()) throw ApiException.invalid("invalid node label: a label key must not be empty");
        }
        if (spec.name() == null || spec.name().isEmpty()) {
            spec = new NodeSpec(current.spec().name(), spec.labels(), spec.role(), spec.availability());
        }
        if (current.version().index() != version) {
            throw ApiException.conflict("update out of sequence: node " + current.hostname() + " is at version "
                    + current.version().index() + ", the update was made from version " + version + " (inspect the node again and retry)");
        }
        Node updated = current.withSpec(spec).withMeta(new Version(version), current.createdAt(), clock.instant());
        try {
            store.commit(Proposal.atomic(new StoreAction.Update(updated)));
        } catch (StoreException e) {
            if (e.code() == StoreError.Code.NOT_FOUND) throw ApiException.notFound("node " + ref + " not found");
            throw ApiException.fromStore(e);
        }
    }

    /**
     * Removes the node {@code ref} names from the swarm, as {@code docker node rm}: a manager must be
     * demoted first; a node that is not down is refused unless {@code force}. Its tasks are marked
     * orphaned so the orchestrators replace them elsewhere; its agent's session is closed.
     */
    public void removeNode(String ref, boolean force) {
        Node node = store.view(tx -> Resolver.node(tx, ref));
        if (node.spec().role() == NodeRole.MANAGER || node.managerStatus() != null) {
            throw ApiException.precondition("node " + node.id() + " is a cluster manager and is a member of the raft cluster. "
                    + "It must be demoted to worker before removal");
        }
        if (!force && node.status() != null && node.status().state() != NodeState.DOWN && node.status().state() != NodeState.UNKNOWN) {
            throw ApiException.precondition("node " + node.id() + " is not down and can't be removed"
                    + " (shut it down, or use --force to remove it anyway)");
        }
        List<StoreAction> actions = new ArrayList<>();
        actions.add(new StoreAction.Delete(node.kind(), node.id()));
        store.view(tx -> {
            for (Task t : tx.tasksOfNode(node.id())) {
                if (t.status() != null && t.status().state().ordinal() >= TaskState.COMPLETE.ordinal()) continue;
                actions.add(new StoreAction.Update(t.withDesiredState(TaskState.SHUTDOWN)
                        .withStatus(new TaskStatus(clock.instant(), TaskState.ORPHANED, "node removed from the swarm", null, null))));
            }
            return null;
        });
        try {
            store.commit(Proposal.atomic(actions));
        } catch (StoreException e) {
            throw ApiException.fromStore(e);
        }
    }

    /**
     * Replaces the worker and/or manager join token with a new one (same CA digest, new secret), as
     * {@code docker swarm join-token --rotate}. Nodes already joined are not affected; the old token
     * stops working at once.
     */
    public Cluster rotateJoinTokens(boolean worker, boolean manager) {
        for (int attempt = 0; ; attempt++) {
            Cluster c = cluster();
            JoinTokens t = c.joinTokens();
            JoinTokens rotated = new JoinTokens(worker ? JoinSecrets.rotate(t.worker(), secrets) : t.worker(),
                    manager ? JoinSecrets.rotate(t.manager(), secrets) : t.manager());
            Cluster updated = new Cluster(c.id(), c.version(), c.createdAt(), clock.instant(), c.spec(), rotated);
            try {
                store.commit(Proposal.atomic(new StoreAction.Update(updated)));
                return cluster();
            } catch (StoreException e) {
                if (e.code() != StoreError.Code.CONFLICT || attempt > 5) throw ApiException.fromStore(e);
            }
        }
    }

    // ---- tasks ----

    /**
     * The tasks {@code filter} selects, by service name, slot (or node) and newest first. A service or
     * node reference in the filter that names nothing is NOT_FOUND, as in Docker.
     */
    public List<Task> listTasks(TaskFilter filter) {
        return store.view(tx -> {
            Set<String> serviceIds = new HashSet<>();
            for (String ref : filter.services()) serviceIds.add(Resolver.service(tx, ref).id());
            Set<String> nodeIds = new HashSet<>();
            for (String ref : filter.nodes()) nodeIds.add(Resolver.node(tx, ref).id());
            List<Task> out = new ArrayList<>();
            for (Task t : candidates(tx, serviceIds, nodeIds)) {
                if (!serviceIds.isEmpty() && !serviceIds.contains(t.serviceId())) continue;
                if (!nodeIds.isEmpty() && (t.nodeId() == null || !nodeIds.contains(t.nodeId()))) continue;
                if (!filter.desiredStates().isEmpty() && !filter.desiredStates().contains(t.desiredState())) continue;
                if (!filter.ids().isEmpty() && filter.ids().stream().noneMatch(p -> t.id().startsWith(p))) continue;
                if (!filter.names().isEmpty() && !filter.names().contains(t.name())) continue;
                out.add(t);
            }
            out.sort(TASK_ORDER);
            return out;
        });
    }

    /** The task {@code ref} names: an id or a unique id prefix. */
    public Task getTask(String ref) {
        return store.view(tx -> Resolver.task(tx, ref));
    }

    private static final Comparator<Task> TASK_ORDER = Comparator
            .comparing((Task t) -> t.serviceAnnotations() == null || t.serviceAnnotations().name() == null
                    ? t.serviceId() : t.serviceAnnotations().name())
            .thenComparingInt(Task::slot)
            .thenComparing(t -> t.nodeId() == null ? "" : t.nodeId())
            .thenComparing(t -> t.createdAt() == null ? Instant.MIN : t.createdAt(), Comparator.reverseOrder())
            .thenComparing(Task::id);

    private static Collection<Task> candidates(ReadTx tx, Set<String> serviceIds, Set<String> nodeIds) {
        if (!serviceIds.isEmpty()) {
            List<Task> out = new ArrayList<>();
            for (String id : serviceIds) out.addAll(tx.tasksOfService(id));
            return out;
        }
        if (!nodeIds.isEmpty()) {
            List<Task> out = new ArrayList<>();
            for (String id : nodeIds) out.addAll(tx.tasksOfNode(id));
            return out;
        }
        return tx.tasks();
    }

    // ---- helpers ----

    private static Set<String> activeNodes(ReadTx tx) {
        Set<String> out = new HashSet<>();
        for (Node n : tx.nodes()) if (n.status() == null || n.status().state() != NodeState.DOWN) out.add(n.id());
        return out;
    }

    private static ServiceStatus status(ReadTx tx, Service s, Set<String> activeNodes) {
        ServiceMode mode = s.spec().mode();
        long running = 0;
        long desiredOnNodes = 0;
        long completed = 0;
        for (Task t : tx.tasksOfService(s.id())) {
            if (mode.isJob() && t.status() != null && t.state() == TaskState.COMPLETE && JobRun.isCurrent(s, t)) completed++;
            if (t.desiredState() != TaskState.RUNNING || t.nodeId() == null || !activeNodes.contains(t.nodeId())) continue;
            desiredOnNodes++;
            if (t.status() != null && t.status().state() == TaskState.RUNNING) running++;
        }
        long desired;
        if (mode.runsGlobally()) {
            desired = desiredOnNodes;
        } else if (mode.replicatedJob() != null) {
            ReplicatedJob job = mode.replicatedJob();
            desired = Math.max(0, Math.min(job.maxConcurrentOrDefault(), job.totalCompletionsOrDefault() - completed));
        } else {
            desired = mode.replicated() == null ? 0 : mode.replicated().replicas();
        }
        return new ServiceStatus(running, desired, completed);
    }

    /** Refuses an ingress port another service already publishes (SwarmKit's rule and text). */
    private static void checkIngressPorts(ReadTx tx, ServiceSpec spec, String selfId) {
        for (PortConfig p : spec.endpointSpec().ports()) {
            if (p.publishedPort() == 0 || !p.publishMode().equals("ingress")) continue;
            for (Service other : tx.services()) {
                if (other.id().equals(selfId)) continue;
                for (PortConfig o : other.spec().endpointSpec().ports()) {
                    if (o.publishMode().equals("ingress") && o.publishedPort() == p.publishedPort() && o.protocol().equals(p.protocol())) {
                        throw ApiException.invalid("port '" + p.publishedPort() + "' is already in use by service '"
                                + other.spec().name() + "' (" + other.id() + ") as an ingress port");
                    }
                }
            }
        }
    }

    private String freeName() {
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            String candidate = names.next(attempt);
            if (store.view(tx -> tx.serviceByName(candidate)) == null) return candidate;
        }
        throw new ApiException(ApiException.Kind.INTERNAL, "could not generate a free service name: give the service a name");
    }

    private void commit(StoreAction action, String serviceName) {
        try {
            store.commit(Proposal.atomic(action));
        } catch (StoreException e) {
            if (e.code() == StoreError.Code.NAME_CONFLICT) throw nameConflict(serviceName, null);
            if (e.code() == StoreError.Code.NOT_FOUND) throw ApiException.notFound("service " + serviceName + " not found");
            throw ApiException.fromStore(e);
        }
    }

    private static ApiException nameConflict(String name, String existingId) {
        return ApiException.conflict("name conflicts with an existing object: a service named " + name + " already exists"
                + (existingId == null ? "" : " (" + Ids.shortId(existingId) + ")"));
    }

    private static ApiException outOfSequence(Service current, long version) {
        return ApiException.conflict("update out of sequence: service " + current.spec().name() + " is at version "
                + current.version().index() + ", the update was made from version " + version
                + " (inspect the service again and retry)");
    }

    /** An empty {@code Mode: {}} means one replica, as in Docker. */
    private static ServiceSpec defaultMode(ServiceSpec s) {
        return s.mode().modesSet() == 0 ? s.withMode(ServiceMode.replicated(1)) : s;
    }

    private static ServiceSpec withName(ServiceSpec s, String name) {
        return new ServiceSpec(name, s.labels(), s.taskTemplate(), s.mode(), s.endpointSpec(), s.updateConfig());
    }
}
