package dev.shoal.manager.dispatcher;

import dev.shoal.model.Config;
import dev.shoal.model.Network;
import dev.shoal.model.Node;
import dev.shoal.model.Secret;
import dev.shoal.model.NodeDescription;
import dev.shoal.model.NodeState;
import dev.shoal.model.NodeStatus;
import dev.shoal.model.StoreObject;
import dev.shoal.model.Task;
import dev.shoal.protocol.AgentMessage;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreError;
import dev.shoal.store.StoreEvent;
import dev.shoal.store.StoreException;
import dev.shoal.store.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's side of the agent protocol: registers nodes, tracks their heartbeats, sends each node its
 * tasks (the full set when a session opens, then what changed after each commit), and writes the
 * agents' task status reports to the store in batches. A node that misses its heartbeat grace is marked
 * DOWN so the orchestrators replace its tasks.
 *
 * <p>Heartbeats scale with the cluster, as Nomad's do: the period sent to an agent is the configured one
 * or {@code nodes / }{@link #MAX_HEARTBEATS_PER_SECOND} seconds, whichever is longer, and the grace grows
 * in proportion (so it stays the same number of missed heartbeats). With the defaults (1 s, 4 s) nothing
 * changes up to 1,000 nodes; 10,000 nodes heartbeat every 10 s and are marked DOWN after 40 s of silence.
 * At a fixed 1 s, 10,000 agents sent the leader 10,000 frames a second, which on a busy host delayed
 * heartbeats past the grace and made nodes go DOWN, re-register and have their tasks replaced by the
 * thousand (the 10,000-node simulation never finished registering).
 *
 * <p>A new leader gives the nodes that were up under the previous one twice the grace to find it and
 * register, as SwarmKit does: after a leader change every agent reconnects at once, and on a busy cluster
 * registering thousands of them took longer than one grace, so live nodes were marked DOWN and their tasks
 * replaced. A node that registers is back on the normal grace.
 *
 * <p>Registering nodes are marked READY in batches by a {@link NodeReadyBatcher}, off the network
 * threads; a session is answered ({@code Registered} and its full task set) once its node's write has
 * committed, or refused if it failed. Network threads never wait for a commit.
 *
 * <p>Runs only while this manager leads; {@link #close()} ends every session so agents reconnect to the
 * next leader. Thread-safe: sessions call in from network threads; one watcher thread pushes
 * assignments, one timer thread checks heartbeats, and two batcher threads write node and task states.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** Heartbeats per second the leader is sized for; beyond it every agent's period grows. */
    public static final int MAX_HEARTBEATS_PER_SECOND = 1000;

    private final Store store;
    private final Clock clock;
    private final Duration heartbeatPeriod;
    private final Duration grace;
    private final Map<String, Registration> sessions = new ConcurrentHashMap<>();
    private final Map<AgentSession, Registration> bySession = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    /** Nodes that were up when this dispatcher started and have not registered with it yet: twice the grace. */
    private final Set<String> awaitingReturn = ConcurrentHashMap.newKeySet();
    private final StatusBatcher statuses;
    private final NodeReadyBatcher readiness;
    private final Thread watcher;
    private final Thread heartbeatChecker;
    private volatile Subscription subscription;
    /** The managers' dispatcher addresses sent with every Registered; null when a manager changed since. */
    private volatile List<String> managers;
    private volatile boolean closed;
    /** Nodes in the store at the last heartbeat check (or at start): what the heartbeat period is scaled for. */
    private volatile int nodeCount;

    /** One open session: the node it belongs to, how to reach it, and the heartbeat period it was given. */
    private record Registration(String nodeId, String sessionId, AgentSession session, Duration period) {}

    /**
     * @param heartbeatPeriod how often agents heartbeat
     * @param grace           how long a node may stay silent before it is marked DOWN
     */
    public Dispatcher(Store store, Clock clock, Duration heartbeatPeriod, Duration grace) {
        this.store = store;
        this.clock = clock;
        this.heartbeatPeriod = heartbeatPeriod;
        this.grace = grace;
        this.statuses = new StatusBatcher(store);
        this.readiness = new NodeReadyBatcher(store);
        this.watcher = new Thread(this::watchLoop, "dispatcher-assignments");
        this.heartbeatChecker = new Thread(this::heartbeatLoop, "dispatcher-heartbeats");
        watcher.setDaemon(true);
        heartbeatChecker.setDaemon(true);
    }

    public void start() {
        Instant now = clock.instant();
        // Nodes that were up under the previous leader get twice the grace to reconnect to this one.
        subscription = store.watch(r -> {
            int[] count = {0};
            r.nodes().forEach(n -> {
                count[0]++;
                if (n.isReady()) {
                    lastSeen.put(n.id(), now);
                    awaitingReturn.add(n.id());
                }
            });
            nodeCount = count[0];
        });
        statuses.start();
        readiness.start();
        watcher.start();
        heartbeatChecker.start();
    }

    /** Handles one message from a session; called from the session's network thread. */
    public void onMessage(AgentSession session, AgentMessage message) {
        if (closed) {
            // This manager stepped down: the agent must find the new leader, not talk to a dead dispatcher.
            session.close();
            return;
        }
        if (message instanceof AgentMessage.Register r) {
            register(session, r);
            return;
        }
        Registration reg = registrationOf(session);
        if (reg == null) {
            session.send(new AgentMessage.Refused("the session must start with register"));
            session.close();
            return;
        }
        lastSeen.put(reg.nodeId(), clock.instant());
        if (message instanceof AgentMessage.StatusBatch b) {
            acceptStatuses(reg.nodeId(), b);
        } else if (message instanceof AgentMessage.Heartbeat) {
            session.send(new AgentMessage.HeartbeatAck());
        }
    }

    /** Forgets a session whose connection closed; the node is marked DOWN only if it does not come back in time. */
    public void onClosed(AgentSession session) {
        Registration r = bySession.remove(session);
        if (r != null) sessions.remove(r.nodeId(), r);
    }

    private Registration registrationOf(AgentSession session) {
        return bySession.get(session);
    }

    private void register(AgentSession session, AgentMessage.Register r) {
        String nodeId = r.nodeId();
        String proven = session.authenticatedNodeId();
        if (proven != null && !proven.equals(nodeId)) {
            session.send(new AgentMessage.Refused("this session's certificate is for node " + proven + ", not " + nodeId));
            session.close();
            return;
        }
        // Whether the node is part of the swarm is checked by the batcher, off this network thread: a network
        // thread never takes the store's lock (a pending write would make it wait for the readers ahead).
        readiness.add(nodeId, r.description(), hostOf(session.remoteAddress()), failure -> {
            if (failure == null && openSession(session, nodeId)) return;
            String why = failure != null ? failure.getMessage() : "this manager stopped leading; reconnect";
            session.send(new AgentMessage.Refused("could not register node " + nodeId + ": " + why));
            session.close();
        });
    }

    /**
     * Registers {@code session} as {@code nodeId}'s, once the node is READY in the store, and sends it its
     * tasks; returns false (registering nothing) when the session closed meanwhile or this dispatcher did.
     */
    private boolean openSession(AgentSession session, String nodeId) {
        Registration reg = new Registration(nodeId, UUID.randomUUID().toString(), session, periodFor(nodeCount));
        Registration old;
        List<Task> tasks;
        // The full set is read and the session registered under the same lock the watcher sends under,
        // so no change committed in between can be missed or sent twice out of order.
        synchronized (this) {
            if (closed || !session.isOpen()) return false;
            old = sessions.put(nodeId, reg);
            bySession.put(session, reg);
            if (old != null) bySession.remove(old.session());
            lastSeen.put(nodeId, clock.instant());
            awaitingReturn.remove(nodeId);
            tasks = store.view(tx -> dispatched(tx.tasksOfNode(nodeId)));
            session.send(new AgentMessage.Registered(reg.sessionId(), reg.period().toMillis(), managerAddresses()));
            session.send(assignments(true, tasks, List.of()));
        }
        if (old != null && old.session() != session) old.session().close();
        log.info("node {} registered from {} with {} tasks", nodeId, session.remoteAddress(), tasks.size());
        return true;
    }

    /**
     * The dispatcher addresses of every manager, for agents to fail over to. Read from the store once and
     * kept until a node's manager status changes: reading it at every registration walked every node, so
     * thousands of agents registering at once cost a quadratic number of steps.
     */
    private List<String> managerAddresses() {
        List<String> known = managers;
        if (known != null) return known;
        List<String> read = store.view(tx -> {
            List<String> out = new ArrayList<>();
            for (Node n : tx.nodes()) {
                if (n.managerStatus() != null && n.managerStatus().addr() != null) out.add(n.managerStatus().addr());
            }
            return List.copyOf(out);
        });
        managers = read;
        return read;
    }

    /** Forgets the manager addresses when {@code e} changes a node's manager status (or a store reset). */
    private void noteManagers(StoreEvent e) {
        if (e instanceof StoreEvent.Reset) {
            managers = null;
        } else if (e instanceof StoreEvent.Created c && c.object() instanceof Node n && n.managerStatus() != null) {
            managers = null;
        } else if (e instanceof StoreEvent.Deleted d && d.object() instanceof Node n && n.managerStatus() != null) {
            managers = null;
        } else if (e instanceof StoreEvent.Updated u && u.object() instanceof Node n
                && !Objects.equals(((Node) u.old()).managerStatus(), n.managerStatus())) {
            managers = null;
        }
    }

    private static String hostOf(String addr) {
        if (addr == null) return null;
        int i = addr.lastIndexOf(':');
        String h = i > 0 ? addr.substring(0, i) : addr;
        return h.startsWith("/") ? h.substring(1) : h;
    }

    /** Queues the reports; the batcher drops those on tasks not assigned to {@code nodeId} (checked off this thread). */
    private void acceptStatuses(String nodeId, AgentMessage.StatusBatch b) {
        for (AgentMessage.TaskStatusUpdate u : b.updates()) {
            if (u.status() != null) statuses.add(nodeId, u.taskId(), u.status());
        }
    }

    private void watchLoop() {
        while (!closed) {
            List<StoreEvent> events;
            try {
                events = subscription.next(1, TimeUnit.SECONDS, 100_000);
            } catch (InterruptedException e) {
                return;
            }
            if (events.isEmpty()) continue;
            try {
                pushAssignments(events);
            } catch (RuntimeException e) {
                log.error("could not send assignments", e);
            }
        }
    }

    /** Sends each node with an open session the tasks that were added, changed for it, or removed. */
    private void pushAssignments(List<StoreEvent> events) {
        Map<String, Map<String, Task>> changed = new HashMap<>();
        Map<String, List<String>> removed = new HashMap<>();
        boolean reset = false;
        for (StoreEvent e : events) {
            noteManagers(e);
            if (e instanceof StoreEvent.Reset) {
                reset = true;
            } else if (e instanceof StoreEvent.Created c && c.object() instanceof Task t && t.isDispatched()) {
                changed.computeIfAbsent(t.nodeId(), k -> new HashMap<>()).put(t.id(), t);
            } else if (e instanceof StoreEvent.Updated u && u.object() instanceof Task t) {
                Task old = (Task) u.old();
                if (old.isDispatched() && !old.nodeId().equals(t.nodeId())) {
                    removed.computeIfAbsent(old.nodeId(), k -> new ArrayList<>()).add(t.id());
                }
                if (t.isDispatched() && mattersToAgent(old, t)) {
                    changed.computeIfAbsent(t.nodeId(), k -> new HashMap<>()).put(t.id(), t);
                }
            } else if (e instanceof StoreEvent.Deleted d && d.object() instanceof Task t && t.isDispatched()) {
                removed.computeIfAbsent(t.nodeId(), k -> new ArrayList<>()).add(t.id());
                Map<String, Task> m = changed.get(t.nodeId());
                if (m != null) m.remove(t.id());
            } else if (e instanceof StoreEvent.Updated u && u.object() instanceof Node n
                    && ((Node) u.old()).spec().role() != n.spec().role()) {
                // Promote or demote: the node's daemon turns its manager on or off.
                Registration r = sessions.get(n.id());
                if (r != null) r.session().send(new AgentMessage.RoleChanged(n.spec().role().json()));
            } else if (e instanceof StoreEvent.Deleted d && d.object().kind() == StoreObject.Kind.NODE) {
                Registration r = sessions.remove(d.object().id());
                if (r != null) {
                    bySession.remove(r.session());
                    r.session().send(new AgentMessage.Refused("node " + r.nodeId() + " was removed from the swarm"));
                    r.session().close();
                }
            }
        }
        synchronized (this) {
            if (reset) {
                for (Registration r : sessions.values()) {
                    List<Task> tasks = store.view(tx -> dispatched(tx.tasksOfNode(r.nodeId())));
                    r.session().send(assignments(true, tasks, List.of()));
                }
                return;
            }
            for (Registration r : sessions.values()) {
                Map<String, Task> c = changed.get(r.nodeId());
                List<String> gone = removed.get(r.nodeId());
                if ((c == null || c.isEmpty()) && gone == null) continue;
                r.session().send(assignments(false, c == null ? List.of() : new ArrayList<>(c.values()), gone == null ? List.of() : gone));
            }
        }
    }

    /** An assignment message with the networks, secrets and configs its tasks use (read in one view). */
    private AgentMessage.Assignments assignments(boolean full, List<Task> tasks, List<String> removed) {
        boolean uses = false;
        for (Task t : tasks) {
            if (t.spec() == null) continue;
            var c = t.spec().containerSpec();
            if (!t.spec().networks().isEmpty() || (c != null && (!c.secrets().isEmpty() || !c.configs().isEmpty()))) {
                uses = true;
                break;
            }
        }
        if (!uses) return new AgentMessage.Assignments(full, tasks, removed); // the common case costs nothing
        return store.view(tx -> {
            Map<String, Network> networks = new HashMap<>();
            Map<String, Secret> secrets = new HashMap<>();
            Map<String, Config> configs = new HashMap<>();
            for (Task t : tasks) {
                if (t.spec() == null) continue;
                for (var a : t.spec().networks()) {
                    Network n = tx.network(a.target());
                    if (n != null) networks.put(n.id(), n);
                }
                var c = t.spec().containerSpec();
                if (c == null) continue;
                for (var r : c.secrets()) {
                    Secret x = tx.secret(r.secretId());
                    if (x != null) secrets.put(x.id(), x);
                }
                for (var r : c.configs()) {
                    Config x = tx.config(r.configId());
                    if (x != null) configs.put(x.id(), x);
                }
            }
            return new AgentMessage.Assignments(full, tasks, removed, new ArrayList<>(networks.values()),
                    new ArrayList<>(secrets.values()), new ArrayList<>(configs.values()));
        });
    }

    /**
     * The tasks of a node its agent is to know of: those given to it ({@link Task#isDispatched()}). A global
     * task waiting to be admitted on its node is not sent until the scheduler admits it, as in SwarmKit.
     */
    private static List<Task> dispatched(Collection<Task> tasks) {
        List<Task> out = new ArrayList<>(tasks.size());
        for (Task t : tasks) if (t.isDispatched()) out.add(t);
        return out;
    }

    /** Whether a task change is news to its agent: a new assignment, a new desired state or a new spec. */
    private static boolean mattersToAgent(Task old, Task t) {
        if (!old.isDispatched() || !Objects.equals(old.nodeId(), t.nodeId()) || old.desiredState() != t.desiredState()) return true;
        return old.spec() != t.spec() && !Objects.equals(old.spec(), t.spec()); // identity first: specs are shared
    }

    /** The heartbeat period for a cluster of {@code nodes}: the configured one, or longer so that the leader gets at most {@link #MAX_HEARTBEATS_PER_SECOND}. */
    Duration periodFor(int nodes) {
        Duration scaled = Duration.ofMillis(nodes * 1000L / MAX_HEARTBEATS_PER_SECOND);
        return scaled.compareTo(heartbeatPeriod) > 0 ? scaled : heartbeatPeriod;
    }

    /** The grace of a node heartbeating every {@code period}: the configured grace, in proportion to the period. */
    Duration graceFor(Duration period) {
        if (period.equals(heartbeatPeriod) || heartbeatPeriod.isZero()) return grace;
        return Duration.ofMillis(grace.toMillis() * period.toMillis() / heartbeatPeriod.toMillis());
    }

    private void heartbeatLoop() {
        while (!closed) {
            // a quarter of the grace up to half a second (the defaults' tick), beyond that an eighth, at most 5 s
            long g = graceFor(periodFor(nodeCount)).toMillis();
            long tick = Math.max(50, Math.min(g / 4, Math.min(5000, Math.max(500, g / 8))));
            try {
                Thread.sleep(tick); // a timer tick, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
            try {
                expireSilentNodes();
            } catch (RuntimeException e) {
                log.warn("heartbeat check failed: {}", e.getMessage());
            }
        }
    }

    /** Marks DOWN the nodes silent for longer than their grace; run by the heartbeat timer (tests call it directly). */
    void expireSilentNodes() {
        Instant now = clock.instant();
        Duration current = periodFor(nodeCount);
        Duration normal = graceFor(current);
        Duration returnGrace = normal.multipliedBy(2);
        Instant deadline = now.minus(normal);
        Instant returnDeadline = now.minus(returnGrace);
        List<StoreAction> downs = new ArrayList<>();
        store.view(tx -> {
            int count = 0;
            for (Node n : tx.nodes()) {
                count++;
                if (n.status() == null || n.status().state() == NodeState.DOWN) continue;
                Instant seen = lastSeen.get(n.id());
                if (seen == null) {
                    lastSeen.put(n.id(), now);
                    continue;
                }
                if (!seen.isBefore(deadline)) continue;
                if (awaitingReturn.contains(n.id()) && !seen.isBefore(returnDeadline)) continue;
                Registration r = sessions.get(n.id());
                // a session given a longer period (when the cluster was bigger) keeps the grace it was promised
                if (r != null && r.period().compareTo(current) > 0 && !seen.isBefore(now.minus(graceFor(r.period())))) continue;
                downs.add(new StoreAction.Update(n.withStatus(new NodeStatus(NodeState.DOWN, "heartbeat failure", n.status().addr()))));
            }
            nodeCount = count;
            return null;
        });
        if (downs.isEmpty()) return;
        store.commitEach(Proposal.each(downs));
        for (StoreAction a : downs) {
            String id = ((StoreAction.Update) a).object().id();
            boolean wasReturning = awaitingReturn.remove(id);
            log.info("node {} missed its heartbeat grace of {} ms: marked down", id, (wasReturning ? returnGrace : normal).toMillis());
            Registration r = sessions.remove(id);
            if (r != null) {
                bySession.remove(r.session());
                r.session().close();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        heartbeatChecker.interrupt();
        statuses.close();
        readiness.close();
        if (subscription != null) subscription.close();
        List<Registration> open;
        synchronized (this) { // no session is registered after this (openSession checks closed under this lock)
            open = new ArrayList<>(sessions.values());
            sessions.clear();
            bySession.clear();
        }
        for (Registration r : open) r.session().close();
    }
}
