package dev.shoal.agent;

import dev.shoal.executor.ContainerEngine;
import dev.shoal.executor.ContainerState;
import dev.shoal.executor.EngineException;
import dev.shoal.executor.ManagedContainer;
import dev.shoal.model.ContainerStatus;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one task's container toward the state the manager wants, and reports what it observes:
 * PREPARING (image), READY (container created), STARTING, RUNNING, then COMPLETE, FAILED or SHUTDOWN;
 * REJECTED when the image or the container cannot be made. Every step runs on the runner's own serial
 * executor, so calls for one task never overlap. Thread-safe.
 */
final class TaskRunner {
    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final ContainerEngine engine;
    private final StatusSink sink;
    private final String nodeId;
    private final Clock clock;
    private final Executor serial;

    private volatile Task task;
    // The fields below are touched only on the serial executor.
    private String containerId;
    private TaskState observed;
    private TaskStatus lastStatus;
    private boolean started;
    private boolean removed;

    private final TaskResources resources;
    private final TaskFiles files;

    TaskRunner(Task task, ContainerEngine engine, StatusSink sink, String nodeId, Clock clock, Executor pool, TaskResources resources,
               TaskFiles files) {
        this.resources = resources;
        this.files = files;
        this.task = task;
        this.engine = engine;
        this.sink = sink;
        this.nodeId = nodeId;
        this.clock = clock;
        this.serial = new SerialExecutor(pool);
        this.observed = task.status() == null ? TaskState.ASSIGNED : task.status().state();
    }

    /** Attaches a container found on the engine (after an agent restart) before the first reconcile. */
    void adopt(ManagedContainer c) {
        serial.execute(() -> {
            containerId = c.containerId();
            if (c.running()) {
                started = true;
                // Already RUNNING in the store: keep its original timestamp; otherwise catch the store up.
                if (observed != TaskState.RUNNING) report(TaskState.RUNNING, "started", null, 0);
                watchExit();
            } else if (!observed.isTerminal() && observed.compareTo(TaskState.STARTING) >= 0) {
                started = true;
                onExit(c.exitCode());
            }
        });
    }

    /** The manager's latest version of the task (new desired state or spec). */
    void update(Task t) {
        task = t;
        serial.execute(this::reconcile);
    }

    /** The task was deleted from the store: stop and remove its container. */
    void remove() {
        serial.execute(() -> {
            removed = true;
            if (containerId != null) {
                try {
                    engine.stop(containerId, grace());
                    engine.remove(containerId);
                } catch (EngineException e) {
                    log.warn("could not remove container {} of task {}: {}", containerId, task.id(), e.getMessage());
                }
                containerId = null;
            }
            files.remove(task.id());
            // The task's networks go with their last container on this engine (one still in use stays).
            for (var a : task.spec().networks()) {
                var n = resources.network(a.target());
                if (n != null) engine.removeNetworkIfUnused(n.spec().name());
            }
        });
    }

    /** The newest status this runner reported, to resend when a new session opens. */
    TaskStatus lastStatus() {
        return lastStatus;
    }

    String taskId() { return task.id(); }

    private void reconcile() {
        if (removed) return;
        Task t = task;
        TaskState desired = t.desiredState();
        if (observed.isTerminal()) return;
        if (desired.compareTo(TaskState.RUNNING) > 0) {
            shutdown();
            return;
        }
        // A task held at READY is a restart waiting out its delay: nothing is prepared until it is due, so
        // a task that fails in preparation (a missing image) is retried at the policy's pace, not in a loop.
        if (desired != TaskState.RUNNING) return;
        if (containerId == null && !prepare(t)) return;
        if (!started) start();
    }

    private boolean prepare(Task t) {
        if (observed == TaskState.RUNNING) {
            // The store says it ran, but its container is gone (removed while the agent was down).
            report(TaskState.FAILED, "container vanished", "the task's container no longer exists", -1);
            return false;
        }
        report(TaskState.PREPARING, "preparing", null, 0);
        try {
            engine.ensureImage(t.spec().containerSpec().image());
        } catch (EngineException e) {
            report(TaskState.REJECTED, "preparing", e.getMessage(), 0);
            return false;
        }
        try {
            for (var n : ContainerConfigs.networks(t, resources)) engine.ensureNetwork(n);
            containerId = engine.create(ContainerConfigs.of(t, nodeId, resources, files));
        } catch (EngineException e) {
            report(TaskState.REJECTED, "preparing", e.getMessage(), 0);
            return false;
        }
        report(TaskState.READY, "prepared", null, 0);
        return true;
    }

    private void start() {
        report(TaskState.STARTING, "starting", null, 0);
        try {
            engine.start(containerId);
            started = true;
        } catch (EngineException e) {
            report(TaskState.FAILED, "starting", e.getMessage(), 0);
            return;
        }
        int pid = 0;
        try {
            ContainerState s = engine.inspect(containerId);
            pid = s.pid();
            if (!s.running()) {
                onExit(s.exitCode());
                return;
            }
        } catch (EngineException e) {
            log.debug("inspect after start failed: {}", e.getMessage());
        }
        lastPid = pid;
        report(TaskState.RUNNING, "started", null, 0);
        watchExit();
    }

    private int lastPid;

    private void watchExit() {
        String id = containerId;
        engine.awaitExit(id).whenComplete((code, err) -> serial.execute(() -> {
            if (!id.equals(containerId)) return;
            if (err != null) {
                if (!observed.isTerminal() && !removed) {
                    report(TaskState.FAILED, "failed", "container disappeared: " + err.getMessage(), -1);
                }
                return;
            }
            onExit(code);
        }));
    }

    private void onExit(int code) {
        if (observed.isTerminal()) return;
        if (task.desiredState().compareTo(TaskState.RUNNING) > 0) {
            report(TaskState.SHUTDOWN, "shutdown", null, code);
        } else if (code == 0) {
            report(TaskState.COMPLETE, "finished", null, code);
        } else {
            report(TaskState.FAILED, "task: non-zero exit (" + code + ")", "task: non-zero exit (" + code + ")", code);
        }
    }

    private void shutdown() {
        if (containerId != null && started) {
            try {
                engine.stop(containerId, grace());
            } catch (EngineException e) {
                log.warn("could not stop container {} of task {}: {}", containerId, task.id(), e.getMessage());
            }
            int code = 0;
            try {
                code = engine.inspect(containerId).exitCode();
            } catch (EngineException e) {
                log.debug("inspect after stop failed: {}", e.getMessage());
            }
            report(TaskState.SHUTDOWN, "shutdown", null, code);
        } else {
            report(TaskState.SHUTDOWN, "shutdown", null, 0);
        }
    }

    private Duration grace() {
        return Duration.ofNanos(task.spec().containerSpec().stopGraceNanos());
    }

    private void report(TaskState state, String message, String err, int exitCode) {
        if (observed.isAfter(state)) return;
        observed = state;
        ContainerStatus cs = containerId == null ? null : new ContainerStatus(containerId, lastPid, exitCode);
        lastStatus = new TaskStatus(clock.instant(), state, message, err, cs);
        sink.report(task.id(), lastStatus);
    }
}
