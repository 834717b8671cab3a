package dev.shoal.agent;

import dev.shoal.executor.ContainerEngine;
import dev.shoal.executor.EngineException;
import dev.shoal.executor.ManagedContainer;
import dev.shoal.model.Task;
import dev.shoal.model.TaskStatus;
import dev.shoal.protocol.AgentMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link TaskRunner} per task assigned to this node. A full assignment set replaces the
 * known set: runners of tasks no longer assigned remove their containers, and containers labelled
 * with this node's id that belong to no assigned task are removed (what a restarted agent finds left
 * over). Containers of assigned tasks are adopted rather than started again. Thread-safe.
 */
final class Worker {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final String nodeId;
    private final ContainerEngine engine;
    private final StatusSink sink;
    private final Clock clock;
    private final Executor pool;
    private final Map<String, TaskRunner> runners = new ConcurrentHashMap<>();

    private final TaskResources resources = new TaskResources();
    private final TaskFiles files;

    Worker(String nodeId, ContainerEngine engine, StatusSink sink, Clock clock, Executor pool) {
        this.files = TaskFiles.forNode(nodeId);
        this.nodeId = nodeId;
        this.engine = engine;
        this.sink = sink;
        this.clock = clock;
        this.pool = pool;
    }

    synchronized void apply(AgentMessage.Assignments a) {
        resources.update(a);
        Map<String, ManagedContainer> found = Map.of();
        if (a.full()) {
            Set<String> assigned = new HashSet<>();
            for (Task t : a.tasks()) assigned.add(t.id());
            for (String id : new ArrayList<>(runners.keySet())) {
                if (!assigned.contains(id)) runners.remove(id).remove();
            }
            found = containersByTask();
            for (ManagedContainer c : found.values()) {
                if (c.taskId() == null || !assigned.contains(c.taskId())) removeOrphan(c);
            }
        }
        for (Task t : a.tasks()) {
            TaskRunner r = runners.get(t.id());
            if (r == null) {
                r = new TaskRunner(t, engine, sink, nodeId, clock, pool, resources, files);
                runners.put(t.id(), r);
                ManagedContainer c = found.get(t.id());
                if (c != null) r.adopt(c);
            }
            r.update(t);
        }
        for (String id : a.removed()) {
            TaskRunner r = runners.remove(id);
            if (r != null) r.remove();
        }
    }

    /** The newest status of every task this node runs, to resend at the start of a session. */
    List<AgentMessage.TaskStatusUpdate> currentStatuses() {
        List<AgentMessage.TaskStatusUpdate> out = new ArrayList<>();
        for (TaskRunner r : runners.values()) {
            TaskStatus s = r.lastStatus();
            if (s != null) out.add(new AgentMessage.TaskStatusUpdate(r.taskId(), s));
        }
        return out;
    }

    int taskCount() { return runners.size(); }

    private Map<String, ManagedContainer> containersByTask() {
        Map<String, ManagedContainer> m = new HashMap<>();
        try {
            for (ManagedContainer c : engine.list(nodeId)) {
                if (c.taskId() != null && !runners.containsKey(c.taskId())) m.put(c.taskId(), c);
                else if (c.taskId() == null) m.put("orphan:" + c.containerId(), c);
            }
        } catch (EngineException e) {
            log.warn("could not list this node's containers: {}", e.getMessage());
        }
        return m;
    }

    private void removeOrphan(ManagedContainer c) {
        pool.execute(() -> {
            try {
                engine.stop(c.containerId(), Duration.ofSeconds(10));
                engine.remove(c.containerId());
                log.info("removed container {} of task {}, which no longer exists", c.name(), c.taskId());
            } catch (EngineException e) {
                log.warn("could not remove leftover container {}: {}", c.name(), e.getMessage());
            }
        });
    }
}
