package dev.shoal.manager.orchestrator.replicated;

import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.manager.orchestrator.Tasks;
import dev.shoal.manager.restart.RestartSupervisor;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.store.ReadTx;
import dev.shoal.store.StoreAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides, from one consistent view, what one replicated service needs: restarts of ended tasks (via
 * the {@link RestartSupervisor}), new tasks for missing slots, and desired SHUTDOWN for the slots a
 * scale-down removes. Idempotent: applied to its own result it decides nothing more, which is what
 * keeps the orchestrator from looping. Not thread-safe (shares the supervisor); used on the
 * orchestrator's thread only.
 *
 * <p>A slot normally holds one runnable task, its newest; older runnable ones are surplus and shut down.
 * One exception, a start-first handover (what the rebalancer does): while the newest task is still
 * coming up and an older one is observed RUNNING on a valid node, the older one holds the slot (it is
 * what counts, restarts and scales down) and the newcomer is left alone; if the newcomer fails, it is
 * shut down and the older one stays. Once the newcomer RUNs, the usual rule applies and the older one
 * goes.
 */
final class ServiceReconciler {
    /**
     * Most new tasks one pass makes for one service (one log entry's worth). A service scaled to 100,000
     * replicas is filled over several passes, each proposing while the next is decided; one pass making
     * them all held the store's read lock (and so every replica's apply on this manager) for as long as
     * it took to build them, and kept them all in memory before the first was written.
     */
    static final int MAX_NEW_TASKS_PER_PASS = 10_000;

    private final RestartSupervisor supervisor;
    private final TaskFactory factory;

    ServiceReconciler(RestartSupervisor supervisor, TaskFactory factory) {
        this.supervisor = supervisor;
        this.factory = factory;
    }

    /**
     * The outcome for one service: restarts (each one atomic pair) and independent actions; {@code more}
     * when slots are still missing beyond {@link #MAX_NEW_TASKS_PER_PASS} (the service needs another pass).
     */
    record Result(List<RestartSupervisor.Decision> restarts, List<StoreAction> actions, boolean more) {
        boolean isEmpty() { return restarts.isEmpty() && actions.isEmpty(); }
    }

    /**
     * One filled slot: the runnable task that holds it, {@code fresh} when it is a replacement made in this
     * pass, and {@code incoming}, the start-first newcomer coming up beside it (or null).
     */
    private record Filled(int slot, Task task, boolean fresh, RestartSupervisor.Decision restart, Task incoming) {}

    Result reconcile(ReadTx tx, Service svc, Instant now) {
        List<RestartSupervisor.Decision> restarts = new ArrayList<>();
        List<StoreAction> actions = new ArrayList<>();
        Map<Integer, List<Task>> bySlot = new TreeMap<>();
        for (Task t : tx.tasksOfService(svc.id())) {
            if (t.slot() > 0) bySlot.computeIfAbsent(t.slot(), k -> new ArrayList<>(2)).add(t);
        }
        List<Filled> filled = new ArrayList<>();
        Set<Integer> held = new HashSet<>();
        for (Map.Entry<Integer, List<Task>> e : bySlot.entrySet()) {
            int slot = e.getKey();
            List<Task> tasks = e.getValue();
            Task keep = null;
            Task newest = null;
            for (Task t : tasks) {
                if (newest == null || newer(t, newest)) newest = t;
                if (Tasks.isRunnable(t) && (keep == null || newer(t, keep))) keep = t;
            }
            if (keep == null) {
                if (supervisor.holdsEmptySlot(svc, newest, tasks, tx)) held.add(slot);
                continue;
            }
            Task incoming = null;
            Task outgoing = handoverHolder(tasks, keep, tx);
            if (outgoing != null) {
                if (!Tasks.needsRestart(keep, tx)) incoming = keep;
                keep = outgoing;
            }
            for (Task t : tasks) {
                if (t != keep && t != incoming && Tasks.isRunnable(t)) actions.add(new StoreAction.Update(t.withDesiredState(TaskState.SHUTDOWN)));
            }
            if (Tasks.needsRestart(keep, tx)) {
                RestartSupervisor.Decision d = supervisor.decide(svc, keep, tasks, keep.nodeId() == null ? null : tx.node(keep.nodeId()), now);
                if (d.restarts()) {
                    filled.add(new Filled(slot, d.replacement(), true, d, null));
                } else {
                    restarts.add(d);
                    held.add(slot);
                }
            } else {
                filled.add(new Filled(slot, keep, false, null, incoming));
            }
        }
        long replicas = svc.spec().mode().replicated().replicas();
        if (filled.size() > replicas) {
            List<Filled> order = scaleDownOrder(filled);
            for (int i = 0; i < order.size(); i++) {
                Filled f = order.get(i);
                if (i < replicas) {
                    if (f.fresh()) restarts.add(f.restart());
                } else if (f.fresh()) {
                    restarts.add(new RestartSupervisor.Decision(f.restart().shutdown(), null, null));
                } else {
                    actions.add(new StoreAction.Update(f.task().withDesiredState(TaskState.SHUTDOWN)));
                    if (f.incoming() != null) actions.add(new StoreAction.Update(f.incoming().withDesiredState(TaskState.SHUTDOWN)));
                }
            }
        } else {
            for (Filled f : filled) if (f.fresh()) restarts.add(f.restart());
            long heldInRange = held.stream().filter(s -> s <= replicas).count();
            long need = replicas - filled.size() - heldInRange;
            Set<Integer> taken = new HashSet<>(held);
            for (Filled f : filled) taken.add(f.slot());
            int made = 0;
            for (int slot = 1; need > 0 && made < MAX_NEW_TASKS_PER_PASS; slot++) {
                if (taken.contains(slot)) continue;
                actions.add(new StoreAction.Create(factory.newTask(svc, slot, null, TaskState.RUNNING, now)));
                need--;
                made++;
            }
            return new Result(restarts, actions, need > 0);
        }
        return new Result(restarts, actions, false);
    }

    /**
     * Swarm's scale-down order, best to keep first: each task gets its rank among this service's tasks
     * on its node (running ones ranked before not-yet-running ones); lower ranks are kept, so tasks on
     * the nodes holding the most replicas go first, and tasks with no node go before all others.
     */
    private static List<Filled> scaleDownOrder(List<Filled> filled) {
        List<Filled> byRunning = new ArrayList<>(filled);
        byRunning.sort(Comparator.comparing((Filled f) -> f.task().state() != TaskState.RUNNING));
        Map<String, Integer> perNode = new HashMap<>();
        Map<Filled, Integer> rank = new HashMap<>();
        for (Filled f : byRunning) {
            String node = f.task().nodeId();
            rank.put(f, node == null ? Integer.MAX_VALUE : perNode.merge(node, 1, Integer::sum));
        }
        byRunning.sort(Comparator.comparing(rank::get));
        return byRunning;
    }

    /**
     * The older task that still holds the slot during a start-first handover to {@code newest} (the slot's
     * newest runnable task), or null when there is none: {@code newest} is not observed RUNNING yet (still
     * coming up, or failed), and an older runnable task is observed RUNNING on a valid node. The newest
     * such older task is chosen.
     */
    private static Task handoverHolder(List<Task> slotTasks, Task newest, ReadTx tx) {
        if (newest.status() != null && newest.state() == TaskState.RUNNING) return null;
        Task holder = null;
        for (Task t : slotTasks) {
            if (t == newest || !Tasks.isRunnable(t) || t.status() == null || t.state() != TaskState.RUNNING || Tasks.needsRestart(t, tx)) continue;
            if (holder == null || newer(t, holder)) holder = t;
        }
        return holder;
    }

    private static boolean newer(Task a, Task b) {
        int c = a.createdAt().compareTo(b.createdAt());
        return c > 0 || (c == 0 && a.version().index() > b.version().index());
    }
}
