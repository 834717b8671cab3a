package dev.shoal.manager.reaper;

import dev.shoal.manager.loop.ControlLoop;
import dev.shoal.manager.orchestrator.Batches;
import dev.shoal.manager.orchestrator.Tasks;
import dev.shoal.model.Cluster;
import dev.shoal.model.ClusterSpec;
import dev.shoal.model.Node;
import dev.shoal.model.StoreObject;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.ReadTx;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deletes tasks nobody needs any more, in batched non-atomic proposals. Leader-only.
 *
 * <ul>
 *   <li>History: per slot (service + slot, or service + node for global tasks) it keeps at most
 *       {@link ClusterSpec#taskHistory()} tasks (default 5; negative keeps everything), deleting the
 *       oldest dead ones first — dead meaning desired state past RUNNING and observed state past
 *       RUNNING, or never assigned. Runnable tasks are never deleted.</li>
 *   <li>Removal: a task with desired state REMOVE is deleted once it does not run: its observed state
 *       is past RUNNING, it was never assigned, or its node was removed from the cluster. (Observed
 *       COMPLETE counts as not running, so finished tasks of a deleted service do not linger.)</li>
 * </ul>
 * The dispatcher reacts to the deletion by telling the agent, which then removes the container.
 * Threading and errors as in {@link ControlLoop}.
 */
public final class TaskReaper extends ControlLoop {
    private final Map<String, Set<String>> dirtySlots = new HashMap<>();
    private final Set<String> removeCandidates = new LinkedHashSet<>();
    private final Set<String> removedNodes = new LinkedHashSet<>();
    private boolean everything;

    public TaskReaper(Store store, Clock clock) { this(store, clock, DEFAULT_TICK); }

    public TaskReaper(Store store, Clock clock, Duration tick) { super("task-reaper", store, clock, tick); }

    @Override
    protected void resync(ReadTx tx) {
        dirtySlots.clear();
        removeCandidates.clear();
        removedNodes.clear();
        everything = true;
    }

    @Override
    protected void onEvent(StoreEvent e) {
        if (e instanceof StoreEvent.Created c) {
            if (c.object() instanceof Task t) markSlot(t);
        } else if (e instanceof StoreEvent.Updated u) {
            if (u.object() instanceof Task t) {
                if (t.desiredState() == TaskState.REMOVE) removeCandidates.add(t.id());
                if (Tasks.isDead(t) && !Tasks.isDead((Task) u.old())) markSlot(t);
            } else if (u.object() instanceof Cluster) {
                everything = true;
            }
        } else if (e instanceof StoreEvent.Deleted d) {
            if (d.object() instanceof Node n) removedNodes.add(n.id());
        }
    }

    private void markSlot(Task t) { dirtySlots.computeIfAbsent(t.serviceId(), k -> new HashSet<>()).add(slotKey(t)); }

    @Override
    protected void act() {
        if (!everything && dirtySlots.isEmpty() && removeCandidates.isEmpty() && removedNodes.isEmpty()) return;
        boolean all = everything;
        everything = false;
        Map<String, Set<String>> slots = new HashMap<>(dirtySlots);
        dirtySlots.clear();
        List<String> candidates = new ArrayList<>(removeCandidates);
        removeCandidates.clear();
        List<String> nodes = new ArrayList<>(removedNodes);
        removedNodes.clear();

        Set<String> delete = new LinkedHashSet<>();
        store.view(tx -> {
            Cluster c = tx.cluster();
            long limit = c == null || c.spec() == null ? ClusterSpec.DEFAULT_TASK_HISTORY : c.spec().taskHistory();
            if (all) {
                Map<String, List<Task>> bySlot = new HashMap<>();
                for (Task t : tx.tasks()) {
                    if (t.desiredState() == TaskState.REMOVE && removable(t, tx)) delete.add(t.id());
                    bySlot.computeIfAbsent(t.serviceId() + "|" + slotKey(t), k -> new ArrayList<>()).add(t);
                }
                for (List<Task> ts : bySlot.values()) trim(ts, limit, delete);
                return null;
            }
            for (String n : nodes) for (Task t : tx.tasksOfNode(n)) candidates.add(t.id());
            for (String id : candidates) {
                Task t = tx.task(id);
                if (t != null && t.desiredState() == TaskState.REMOVE && removable(t, tx)) delete.add(id);
            }
            for (Map.Entry<String, Set<String>> e : slots.entrySet()) {
                Map<String, List<Task>> bySlot = new HashMap<>();
                for (Task t : tx.tasksOfService(e.getKey())) {
                    String k = slotKey(t);
                    if (e.getValue().contains(k)) bySlot.computeIfAbsent(k, x -> new ArrayList<>()).add(t);
                }
                for (List<Task> ts : bySlot.values()) trim(ts, limit, delete);
            }
            return null;
        });
        List<StoreAction> actions = new ArrayList<>(delete.size());
        for (String id : delete) actions.add(new StoreAction.Delete(StoreObject.Kind.TASK, id));
        // NOT_FOUND refusals mean someone else deleted the task first: nothing to retry.
        Batches.commitEach(store, actions);
    }

    private static boolean removable(Task t, ReadTx tx) {
        return Tasks.hasEnded(t) || Tasks.neverAssigned(t) || tx.node(t.nodeId()) == null;
    }

    /** Adds to {@code delete} the oldest dead tasks of one slot beyond {@code limit}. */
    private static void trim(List<Task> slot, long limit, Set<String> delete) {
        if (limit < 0 || slot.size() <= limit) return;
        List<Task> dead = new ArrayList<>();
        for (Task t : slot) if (Tasks.isDead(t) && !delete.contains(t.id())) dead.add(t);
        dead.sort(Comparator.comparing(Task::createdAt).thenComparing(t -> t.version().index()));
        long excess = slot.size() - limit;
        for (int i = 0; i < dead.size() && excess > 0; i++, excess--) delete.add(dead.get(i).id());
    }

    private static String slotKey(Task t) { return t.slot() > 0 ? Integer.toString(t.slot()) : "node:" + t.nodeId(); }
}
