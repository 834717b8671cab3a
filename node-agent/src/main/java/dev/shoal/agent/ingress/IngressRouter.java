package dev.shoal.agent.ingress;

import dev.shoal.executor.ContainerEngine;
import dev.shoal.executor.ContainerState;
import dev.shoal.executor.EngineException;
import dev.shoal.model.ContainerStatus;
import dev.shoal.model.PortConfig;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.protocol.AgentMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an {@link IngressProxy} in step with the tasks this node runs. The agent shows it every assignment
 * set ({@link #assignments}) and every task status its runners report ({@link #taskStatus}); from those it
 * derives, for each ingress-mode TCP port published by a service with a live task here (desired state at
 * most RUNNING, observed state not terminal), the addresses {@code containerIP:targetPort} of that service's
 * RUNNING containers, and hands the table to the proxy whenever it changes. A task leaves the table as soon
 * as the manager asks it to stop (before its container is stopped), when it ends, or when it is no longer
 * assigned. Container addresses come from {@link ContainerEngine#inspect}, once per container.
 *
 * <p>Host-mode ports are not its business (the engine binds them); UDP ingress ports are not served and are
 * logged once per service.
 *
 * <p>Only tasks that publish an ingress port (or did in the version last assigned) are followed; events
 * about any other task cost the caller one set lookup and nothing else. A node that never runs such a task
 * never starts the router's thread: a simulated host running 5,000 agents spent half its CPU waking 5,000
 * idle router threads for every task event.
 *
 * <p>Thread-safe and non-blocking for callers: all state lives on one private thread (started with the first
 * followed task), where events are applied in the order they were given; engine failures are logged and the
 * task is retried at its next event. {@link #assignments} must be called in the order the agent applies
 * assignment sets, before the runners of their tasks report (as the agent does). Two services publishing
 * one port (which the manager refuses) resolve to the one whose service id sorts first, with a warning.
 */
public final class IngressRouter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngressRouter.class);

    private final ContainerEngine engine;
    private final IngressProxy proxy;
    /** Tasks that publish an ingress port as last assigned; written only by {@link #assignments}'s caller. */
    private final Set<String> followed = ConcurrentHashMap.newKeySet();
    private ExecutorService thread; // guarded by this; null until a task is followed
    private boolean closed; // guarded by this
    // Confined to `thread`:
    private final Map<String, Entry> tasks = new HashMap<>();
    private final Set<String> warned = new HashSet<>();
    private Map<Integer, IngressRoute> current = Map.of();

    /** What is known of one task: the manager's newest version, and what its runner observed. */
    private static final class Entry {
        Task task;
        TaskState observed;
        String containerId;
        /** The container {@link #ip} belongs to. */
        String ipOf;
        String ip;
    }

    /** A router owning {@code proxy} (closed with it) and reading container addresses from {@code engine}. */
    public IngressRouter(ContainerEngine engine, IngressProxy proxy) {
        this.engine = engine;
        this.proxy = proxy;
    }

    /** The manager's assignments for this node, in the order the agent applies them. */
    public void assignments(AgentMessage.Assignments a) {
        // The tasks that matter here: those publishing an ingress port, and those that did (their routes go).
        List<Task> relevant = new ArrayList<>();
        for (Task t : a.tasks()) {
            if (publishesIngress(t)) {
                relevant.add(t);
                followed.add(t.id());
            } else if (followed.remove(t.id())) {
                relevant.add(t);
            }
        }
        List<String> gone = new ArrayList<>();
        for (String id : a.removed()) if (followed.remove(id)) gone.add(id);
        boolean full = a.full();
        if (full) {
            Set<String> assigned = new HashSet<>();
            for (Task t : relevant) if (publishesIngress(t)) assigned.add(t.id());
            followed.retainAll(assigned);
        }
        if (relevant.isEmpty() && gone.isEmpty() && !(full && started())) return;
        submit(() -> {
            if (full) {
                Set<String> assigned = new HashSet<>();
                for (Task t : relevant) assigned.add(t.id());
                tasks.keySet().retainAll(assigned);
            }
            for (Task t : relevant) {
                Entry e = tasks.computeIfAbsent(t.id(), id -> new Entry());
                e.task = t;
                observe(e, t.status());
            }
            for (String id : gone) tasks.remove(id);
        });
    }

    /** A status a task runner reported for {@code taskId}. */
    public void taskStatus(String taskId, TaskStatus status) {
        if (!followed.contains(taskId)) return;
        submit(() -> {
            Entry e = tasks.get(taskId);
            if (e == null) return; // not (or no longer) assigned
            observe(e, status);
        });
    }

    /** The routing table last handed to the proxy: published port to route. Waits for earlier events. */
    public Map<Integer, IngressRoute> routes() throws InterruptedException {
        ExecutorService t;
        synchronized (this) {
            if (thread == null) return current;
            t = thread;
        }
        try {
            Future<Map<Integer, IngressRoute>> f = t.submit(() -> current);
            return f.get();
        } catch (java.util.concurrent.ExecutionException | RejectedExecutionException e) {
            return Map.of();
        }
    }

    /** Stops following events and closes the proxy (its ports are released). */
    @Override
    public void close() {
        ExecutorService t;
        synchronized (this) {
            closed = true;
            t = thread;
        }
        if (t != null) {
            t.shutdownNow();
            try {
                t.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        proxy.close();
    }

    /** Whether the router's thread was started (a task publishing an ingress port was followed). */
    synchronized boolean started() { return thread != null; }

    /** The router's thread, started on first use; null once closed. */
    private synchronized ExecutorService thread() {
        if (closed) return null;
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "shoal-ingress-router");
                t.setDaemon(true);
                return t;
            });
        }
        return thread;
    }

    private void submit(Runnable event) {
        ExecutorService t = thread();
        if (t == null) return; // closed
        try {
            t.execute(() -> {
                try {
                    event.run();
                    publish();
                } catch (RuntimeException e) {
                    log.warn("ingress: could not update routes", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private static void observe(Entry e, TaskStatus s) {
        if (s == null) return;
        if (e.observed == null || s.state().isAfter(e.observed)) e.observed = s.state();
        ContainerStatus c = s.containerStatus();
        if (c != null && c.containerId() != null && !c.containerId().isBlank()) e.containerId = c.containerId();
    }

    private void publish() {
        Map<Integer, IngressRoute> routes = new TreeMap<>();
        Map<Integer, String> owners = new HashMap<>();
        // Only tasks publishing an ingress port matter; sorting just those keeps an event O(tasks) on a
        // node with many tasks (sorting all of them at every status report made a node's start-up quadratic).
        List<Entry> sorted = new ArrayList<>();
        for (Entry e : tasks.values()) if (e.task != null && publishesIngress(e.task)) sorted.add(e);
        sorted.sort((a, b) -> a.task.serviceId().compareTo(b.task.serviceId()) != 0
                ? a.task.serviceId().compareTo(b.task.serviceId()) : a.task.id().compareTo(b.task.id()));
        for (Entry e : sorted) {
            Task t = e.task;
            if (t.endpoint() == null || !live(e)) continue;
            String service = t.serviceAnnotations() == null ? t.serviceId() : t.serviceAnnotations().name();
            String ip = e.observed == TaskState.RUNNING ? address(e) : null;
            for (PortConfig p : t.endpoint().ports()) {
                if (!"ingress".equals(p.publishMode()) || p.publishedPort() <= 0) continue;
                if (!"tcp".equals(p.protocol())) {
                    if (warned.add(t.serviceId() + "/" + p.protocol())) {
                        log.warn("ingress: service {} publishes {}, but only TCP ingress ports are served", service, p.display());
                    }
                    continue;
                }
                String owner = owners.putIfAbsent(p.publishedPort(), t.serviceId());
                if (owner != null && !owner.equals(t.serviceId())) {
                    if (warned.add(t.serviceId() + "/" + p.publishedPort())) {
                        log.warn("ingress: port {} of service {} is already published by service {}", p.publishedPort(),
                                service, owner);
                    }
                    continue;
                }
                IngressRoute r = routes.getOrDefault(p.publishedPort(), new IngressRoute(service, List.of()));
                if (ip != null) {
                    List<InetSocketAddress> backends = new ArrayList<>(r.backends());
                    backends.add(new InetSocketAddress(ip, p.targetPort()));
                    r = new IngressRoute(service, backends);
                }
                routes.put(p.publishedPort(), r);
            }
        }
        if (!routes.equals(current)) {
            current = Map.copyOf(routes);
            proxy.update(current);
        }
    }

    private static boolean publishesIngress(Task t) {
        if (t.endpoint() == null) return false;
        for (PortConfig p : t.endpoint().ports()) if ("ingress".equals(p.publishMode()) && p.publishedPort() > 0) return true;
        return false;
    }

    /** The task may still serve: the manager wants it running and it has not ended. */
    private static boolean live(Entry e) {
        return !e.task.desiredState().isAfter(TaskState.RUNNING) && (e.observed == null || !e.observed.isTerminal());
    }

    /** The running container's address, looked up once per container; null when unknown. */
    private String address(Entry e) {
        if (e.containerId == null) return null;
        if (e.containerId.equals(e.ipOf)) return e.ip;
        try {
            ContainerState s = engine.inspect(e.containerId);
            if (!s.running() || s.ipAddress().isEmpty()) return null; // asked again at the next event
            e.ipOf = e.containerId;
            e.ip = s.ipAddress();
            return e.ip;
        } catch (EngineException ex) {
            log.debug("ingress: cannot inspect container {} of task {}: {}", e.containerId, e.task.id(), ex.getMessage());
            return null;
        }
    }
}
