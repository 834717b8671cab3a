package dev.shoal.manager.restart;

import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.manager.orchestrator.Tasks;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeState;
import dev.shoal.model.RestartCondition;
import dev.shoal.model.RestartPolicy;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.store.ReadTx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides, per a service's {@link RestartPolicy} and Swarm's semantics, what happens to a runnable task
 * that ended (or whose node is DOWN or gone), and keeps the timers of delayed restarts.
 *
 * <p>A restart is: the old task's desired state goes to SHUTDOWN and, in the same atomic proposal, a
 * new task for the same slot is created with desired state READY (the agent prepares but does not start
 * it); once the restart delay has passed, {@link #takeDue} hands its id back so the owner updates it to
 * desired RUNNING. Conditions: {@code any} (default) restarts always, {@code on-failure} unless the task
 * COMPLETEd (a task on a DOWN node counts as failed), {@code none} never. Jobs (replicated-job,
 * global-job) default to {@code on-failure}, as in Docker, and a job task that COMPLETEd is never
 * restarted whatever the condition. {@code maxAttempts} (0 =
 * unlimited) counts restarts of the slot with the service's current task template, within
 * {@code window} (0 = forever), from the store's history of the slot and from this supervisor's memory
 * (the reaper may have deleted older tasks). The delay is skipped for drained nodes, as in Swarm, and
 * for tasks lost with their node (DOWN or removed), which Swarm does not skip.
 *
 * <p>When no restart is allowed the slot stays empty; {@link #holdsEmptySlot} lets the orchestrator
 * recognise such a slot (deterministically, from the store) so it does not refill it until the user
 * changes the task template (for example {@code service update --force}).
 *
 * <p>Not thread-safe: it belongs to the orchestrator loop that owns it and is used only on that loop's
 * thread. A new leader builds a fresh supervisor and calls {@link #rearm}. Nothing here throws for bad
 * store content; decisions are made from whatever is read.
 */
public final class RestartSupervisor {
    private final TaskFactory factory;
    private final Map<String, Instant> delayed = new HashMap<>();
    private final Map<String, History> history = new HashMap<>();

    public RestartSupervisor(TaskFactory factory) { this.factory = factory; }

    /** What to do with one task that needs a restart: {@code replacement} is null when no restart is allowed. */
    public record Decision(Task shutdown, Task replacement, Instant startAt) {
        public boolean restarts() { return replacement != null; }
    }

    /**
     * Decides for {@code ended}, a runnable task of {@code service} that ended or whose node is invalid.
     * {@code slotTasks} are all stored tasks of its slot (any state); {@code node} is its node or null.
     * Pure apart from reading this supervisor's memory: nothing is recorded until {@link #committed}.
     */
    public Decision decide(Service service, Task ended, Collection<Task> slotTasks, Node node, Instant now) {
        Task shutdown = ended.withDesiredState(TaskState.SHUTDOWN);
        if (!shouldRestart(service, ended, slotTasks, now)) return new Decision(shutdown, null, null);
        Task replacement = factory.newTask(service, ended.slot(), ended.slot() > 0 ? null : ended.nodeId(), TaskState.READY, now);
        boolean drained = node != null && node.spec().availability() == NodeAvailability.DRAIN;
        // A task lost with its node (DOWN or removed) did not fail: there is nothing to back off from, so
        // its replacement starts at once (Swarm waits the restart delay here too; Shoal does not).
        boolean lost = ended.nodeId() != null && (node == null || (node.status() != null && node.status().state() == NodeState.DOWN));
        long delay = drained || lost ? 0 : policy(service).delayNanos();
        return new Decision(shutdown, replacement, now.plusNanos(delay));
    }

    /** Records a committed restart: arms its delayed start and remembers the attempt. */
    public void committed(Decision d) {
        if (!d.restarts()) return;
        delayed.put(d.replacement().id(), d.startAt());
        History h = history.computeIfAbsent(slotKey(d.replacement()), k -> new History());
        if (h.spec == null || !sameSpec(h.spec, d.replacement().spec())) {
            h.spec = d.replacement().spec();
            h.restarts.clear();
        }
        h.restarts.addLast(d.replacement().createdAt());
        while (h.restarts.size() > 1_000) h.restarts.removeFirst();
    }

    /** Whether the policy allows restarting {@code ended} now. */
    public boolean shouldRestart(Service service, Task ended, Collection<Task> slotTasks, Instant now) {
        RestartPolicy p = policy(service);
        boolean job = service.spec().mode() != null && service.spec().mode().isJob();
        RestartCondition c = job && p.condition() == null ? RestartCondition.ON_FAILURE : p.effectiveCondition();
        if (c == RestartCondition.NONE) return false;
        boolean completed = ended.status() != null && ended.state() == TaskState.COMPLETE;
        if ((c == RestartCondition.ON_FAILURE || job) && completed) return false;
        long max = p.maxAttemptsOrZero();
        if (max <= 0) return true;
        return restartsInWindow(service, ended, slotTasks, now, p.windowNanos()) < max;
    }

    /**
     * Whether a slot with no runnable task must stay empty because its newest task ended and the policy
     * declined to restart it. {@code newest} is the slot's most recently created task.
     */
    public boolean holdsEmptySlot(Service service, Task newest, Collection<Task> slotTasks, ReadTx tx) {
        if (newest.desiredState() != TaskState.SHUTDOWN) return false;
        if (!sameSpec(newest.spec(), service.spec().taskTemplate())) return false;
        TaskState s = newest.status() == null ? TaskState.NEW : newest.state();
        boolean failedOrDone = s == TaskState.COMPLETE || s == TaskState.FAILED || s == TaskState.REJECTED;
        boolean lostNode = !s.isTerminal() && Tasks.onInvalidNode(newest, tx);
        if (!failedOrDone && !lostNode) return false;
        Instant at = newest.status() != null && newest.status().timestamp() != null ? newest.status().timestamp() : newest.createdAt();
        return !shouldRestart(service, newest, slotTasks, at);
    }

    /** Removes and returns the ids of delayed tasks whose start time has come. */
    public List<String> takeDue(Instant now) {
        List<String> due = new ArrayList<>();
        for (Iterator<Map.Entry<String, Instant>> it = delayed.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> e = it.next();
            if (!e.getValue().isAfter(now)) {
                due.add(e.getKey());
                it.remove();
            }
        }
        due.sort(null);
        return due;
    }

    /** The earliest armed start time, or null. */
    public Instant nextDue() {
        Instant min = null;
        for (Instant i : delayed.values()) if (min == null || i.isBefore(min)) min = i;
        return min;
    }

    /** Ids of tasks waiting for their delayed start (a copy). */
    public List<String> armed() { return new ArrayList<>(delayed.keySet()); }

    /** Arms (or re-arms) the delayed start of {@code taskId} at {@code at}. */
    public void arm(String taskId, Instant at) { delayed.put(taskId, at); }

    /** Forgets a timer (the task went away or was started by someone else). */
    public void cancel(String taskId) { delayed.remove(taskId); }

    /**
     * After a leadership change: forgets all timers and re-arms one for every task found in desired
     * READY, due at its creation time plus its restart delay (never later than now plus the delay).
     */
    public void rearm(ReadTx tx, Instant now) {
        delayed.clear();
        for (Task t : tx.tasks()) {
            if (t.desiredState() != TaskState.READY) continue;
            RestartPolicy p = t.spec() == null ? RestartPolicy.DEFAULT : t.spec().restartPolicy();
            Node n = t.nodeId() == null ? null : tx.node(t.nodeId());
            long delay = n != null && n.spec().availability() == NodeAvailability.DRAIN ? 0 : p.delayNanos();
            Instant due = (t.createdAt() == null ? now : t.createdAt()).plusNanos(delay);
            Instant latest = now.plusNanos(delay);
            delayed.put(t.id(), due.isAfter(latest) ? latest : due);
        }
    }

    /** Forgets the restart history of a deleted service. */
    public void forgetService(String serviceId) {
        history.keySet().removeIf(k -> k.startsWith(serviceId + "/"));
    }

    private long restartsInWindow(Service service, Task ended, Collection<Task> slotTasks, Instant now, long windowNanos) {
        TaskSpec current = service.spec().taskTemplate();
        Instant since = windowNanos > 0 ? now.minus(Duration.ofNanos(windowNanos)) : Instant.MIN;
        Task original = null;
        int lineage = 0;
        int inWindow = 0;
        for (Task t : slotTasks) {
            if (!sameSpec(t.spec(), current)) continue;
            lineage++;
            if (original == null || t.createdAt().isBefore(original.createdAt())) original = t;
        }
        if (lineage == 0 && !sameSpec(ended.spec(), current)) return 0;
        for (Task t : slotTasks) {
            if (t == original || !sameSpec(t.spec(), current)) continue;
            if (!t.createdAt().isBefore(since)) inWindow++;
        }
        long remembered = 0;
        History h = history.get(slotKey(ended));
        if (h != null && h.spec != null && sameSpec(h.spec, current)) {
            for (Instant i : h.restarts) if (!i.isBefore(since)) remembered++;
        }
        return Math.max(inWindow, remembered);
    }

    private static RestartPolicy policy(Service s) {
        TaskSpec t = s.spec().taskTemplate();
        return t == null ? RestartPolicy.DEFAULT : t.restartPolicy();
    }

    private static boolean sameSpec(TaskSpec a, TaskSpec b) { return a == b || Objects.equals(a, b); }

    private static String slotKey(Task t) { return t.serviceId() + "/" + (t.slot() > 0 ? Integer.toString(t.slot()) : "node:" + t.nodeId()); }

    /** Restart times of one slot under one task template. */
    private static final class History {
        TaskSpec spec;
        final Deque<Instant> restarts = new ArrayDeque<>();
    }
}
