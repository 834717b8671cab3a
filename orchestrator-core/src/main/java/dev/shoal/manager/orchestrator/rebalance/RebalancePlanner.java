package dev.shoal.manager.orchestrator.rebalance;

import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.manager.orchestrator.Tasks;
import dev.shoal.manager.scheduler.ClusterView;
import dev.shoal.manager.scheduler.Plan;
import dev.shoal.manager.scheduler.Scheduler;
import dev.shoal.manager.scheduler.SchedulerLoop;
import dev.shoal.model.Node;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.store.ReadTx;
import dev.shoal.store.StoreAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides, from one store view, the next rebalancing step of one opted-in replicated service, and says
 * why. Synchronous and deterministic; it proposes nothing (its {@link Rebalancer} loop does).
 *
 * <p>A replicated service that is not (or no longer) opted in gets step 1 only, so moves under way when
 * its label was removed still finish; otherwise it is IGNORED.
 *
 * <p>A move is start-first: a replacement for an old task's slot is created pending, desired RUNNING
 * (with the old task's spec), and the scheduler places it; when it is observed RUNNING, the old task's
 * desired state becomes SHUTDOWN. A slot with an older task RUNNING and a newer runnable one is a move in
 * flight; the replicated orchestrator leaves such a slot alone (see its reconciler). A pass:
 * <ol>
 *   <li>finishes moves: a replacement that runs stops its old task; one that failed, whose node went
 *       away, or that the scheduler could not place is shut down and the old task stays (verdict
 *       FAILED, the loop backs off). A pass that finishes anything starts nothing.</li>
 *   <li>waits unless the service is settled: every slot 1..replicas held by a task observed and
 *       desired RUNNING on a valid node, no task still stopping (except on nodes that are DOWN, drained
 *       or gone, whose reports may never come), fewer moves in flight than allowed
 *       ({@link Rebalancing#parallelism}).</li>
 *   <li>counts the service's slots per eligible node — the nodes that pass the scheduler's static
 *       filters (ready and active, constraints) for the service's current template; tasks on other nodes
 *       (paused, say) are neither counted nor moved. If max − min ≤ 1 the service is balanced.</li>
 *   <li>otherwise takes a task (highest slot) from the fullest node (then the next fullest, as long as
 *       it holds at least two more than the emptiest) and asks the {@link Scheduler} where it would go
 *       were that task gone: the same filters (resources, host ports, max replicas per node)
 *       and preferences (spread, then fewest tasks of the service, then fewest tasks) the scheduler uses
 *       when it places the replacement for real. The move is made only if that node holds at least two
 *       fewer of the service's tasks than the source, so every move strictly evens the spread and moves
 *       never oscillate; if no source has such a move, the service is as balanced as placement allows.</li>
 * </ol>
 *
 * <p>Not thread-safe: it borrows the caller's {@link ClusterView}, changing it while it asks the
 * scheduler (a task taken out, planned replacements put in) and restoring it before it returns.
 */
public final class RebalancePlanner {
    private final Scheduler scheduler;
    private final TaskFactory factory;

    public RebalancePlanner(Scheduler scheduler, TaskFactory factory) {
        this.scheduler = scheduler;
        this.factory = factory;
    }

    /** The next step for {@code svc} as of {@code tx}; {@code view} must describe the same cluster (it is restored before return). */
    public RebalancePlan plan(ReadTx tx, ClusterView view, Service svc, Instant now) {
        String id = svc.id();
        if (svc.spec().mode().replicated() == null) return RebalancePlan.of(id, RebalancePlan.Verdict.IGNORED, "not a replicated service");
        boolean optedIn = Rebalancing.optedIn(svc);
        long replicas = svc.spec().mode().replicated().replicas();
        Map<Integer, List<Task>> bySlot = new TreeMap<>();
        int stopping = 0;
        for (Task t : tx.tasksOfService(id)) {
            if (Tasks.isRunnable(t)) {
                if (t.slot() > 0) bySlot.computeIfAbsent(t.slot(), k -> new ArrayList<>(2)).add(t);
            } else if (ClusterView.counts(t) && !Tasks.onInvalidNode(t, tx)) {
                stopping++; // a DOWN node's agent cannot report its tasks stopped: those are not waited for
            }
        }

        List<StoreAction> actions = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        boolean failed = false;
        int inFlight = 0;
        String unsettled = null;
        Map<String, Integer> located = new HashMap<>();
        List<Task> movable = new ArrayList<>();
        for (Map.Entry<Integer, List<Task>> e : bySlot.entrySet()) {
            List<Task> ts = e.getValue();
            if (ts.size() == 1) {
                Task t = ts.get(0);
                if (runs(t, tx)) {
                    located.merge(t.nodeId(), 1, Integer::sum);
                    movable.add(t);
                } else if (unsettled == null) {
                    unsettled = "task " + t.id() + " (slot " + e.getKey() + ") is " + describe(t);
                }
                continue;
            }
            if (ts.size() > 2) {
                if (unsettled == null) unsettled = "slot " + e.getKey() + " holds " + ts.size() + " runnable tasks";
                continue;
            }
            ts.sort(Comparator.comparing(Task::createdAt).thenComparingLong(t -> t.version().index()));
            Task old = ts.get(0);
            Task replacement = ts.get(1);
            if (!runs(old, tx)) {
                if (unsettled == null) unsettled = "slot " + e.getKey() + " is changing hands (task " + old.id() + " is " + describe(old) + ")";
                continue;
            }
            if (runs(replacement, tx)) {
                actions.add(new StoreAction.Update(old.withDesiredState(TaskState.SHUTDOWN)));
                finished.add("slot " + e.getKey() + ": " + replacement.id() + " runs on " + name(view, replacement.nodeId()) + ", stopping "
                        + old.id() + " on " + name(view, old.nodeId()));
                located.merge(replacement.nodeId(), 1, Integer::sum);
            } else if (moveFailed(replacement, tx)) {
                actions.add(new StoreAction.Update(replacement.withDesiredState(TaskState.SHUTDOWN)));
                finished.add("slot " + e.getKey() + ": replacement " + replacement.id() + " " + describe(replacement) + ", keeping "
                        + old.id() + " on " + name(view, old.nodeId()));
                failed = true;
                located.merge(old.nodeId(), 1, Integer::sum);
            } else {
                inFlight++;
                located.merge(replacement.nodeId() != null ? replacement.nodeId() : old.nodeId(), 1, Integer::sum);
            }
        }
        if (!finished.isEmpty()) {
            return new RebalancePlan(id, failed ? RebalancePlan.Verdict.FAILED : RebalancePlan.Verdict.MOVING,
                    (failed ? "move failed: " : "move done: ") + String.join("; ", finished), actions, List.of());
        }
        if (!optedIn) {
            return inFlight == 0 ? RebalancePlan.of(id, RebalancePlan.Verdict.IGNORED, "not opted in")
                    : RebalancePlan.of(id, RebalancePlan.Verdict.WAITING, "not opted in any more; finishing " + inFlight + " move(s) in flight");
        }
        if (unsettled != null) return RebalancePlan.of(id, RebalancePlan.Verdict.WAITING, "not settled: " + unsettled);
        if (bySlot.size() != replicas) {
            return RebalancePlan.of(id, RebalancePlan.Verdict.WAITING, "not settled: " + bySlot.size() + " of " + replicas + " slots filled");
        }
        if (stopping > 0) return RebalancePlan.of(id, RebalancePlan.Verdict.WAITING, "not settled: " + stopping + " task(s) still stopping");
        int budget = Rebalancing.parallelism(svc) - inFlight;
        if (budget <= 0) return RebalancePlan.of(id, RebalancePlan.Verdict.WAITING, inFlight + " move(s) in flight");

        List<String> eligible = scheduler.eligibleNodes(view, id, svc.spec().taskTemplate());
        Map<String, Integer> count = new LinkedHashMap<>();
        for (String n : eligible) count.put(n, located.getOrDefault(n, 0));
        if (count.size() < 2) return RebalancePlan.of(id, RebalancePlan.Verdict.BALANCED, "balanced: " + count.size() + " eligible node(s)");
        if (spread(count) <= 1) return RebalancePlan.of(id, RebalancePlan.Verdict.BALANCED, "balanced: " + counts(view, count));

        List<RebalancePlan.Move> moves = new ArrayList<>();
        List<Task> planned = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        String stop = "no move evens the spread";
        try {
            while (moves.size() < budget) {
                RebalancePlan.Move m = null;
                String why = null;
                for (String from : sources(count)) {
                    Task old = pick(movable, from, taken);
                    if (old == null) {
                        if (why == null) why = "no task of " + name(view, from) + " can move";
                        continue;
                    }
                    Task replacement = factory.replacementOf(svc, old, TaskState.RUNNING, now);
                    Plan p;
                    view.taskChanged(old, null);
                    try {
                        p = scheduler.schedule(view, List.of(replacement));
                    } finally {
                        view.taskChanged(null, old);
                    }
                    String to = p.assignments().get(replacement.id());
                    Integer there = to == null ? null : count.get(to);
                    if (there != null && there <= count.get(from) - 2) {
                        m = new RebalancePlan.Move(old, replacement, from, to);
                        break;
                    }
                    if (why == null) {
                        why = to == null ? "a task of " + name(view, from) + " fits nowhere else: " + p.unplaced().get(replacement.id())
                                : "the scheduler would place a task of " + name(view, from) + " (" + count.get(from) + ") on "
                                        + name(view, to) + (there == null ? "" : " (" + there + ")");
                    }
                }
                if (m == null) {
                    if (why != null) stop = why;
                    break;
                }
                moves.add(m);
                actions.add(new StoreAction.Create(m.replacement()));
                taken.add(m.old().id());
                count.merge(m.fromNode(), -1, Integer::sum);
                count.merge(m.toNode(), 1, Integer::sum);
                Task placed = m.replacement().withNode(m.toNode(), TaskStatus.of(now, TaskState.ASSIGNED, SchedulerLoop.ASSIGNED_MESSAGE));
                view.taskChanged(null, placed);
                planned.add(placed);
            }
        } finally {
            for (Task t : planned) view.taskChanged(t, null);
        }
        if (moves.isEmpty()) {
            return RebalancePlan.of(id, RebalancePlan.Verdict.BALANCED, "as balanced as placement allows (" + stop + "): " + counts(view, count));
        }
        List<String> words = new ArrayList<>();
        for (RebalancePlan.Move m : moves) {
            words.add("slot " + m.old().slot() + ": " + m.old().id() + " from " + name(view, m.fromNode()) + " to " + name(view, m.toNode())
                    + " (replacement " + m.replacement().id() + ")");
        }
        return new RebalancePlan(id, RebalancePlan.Verdict.MOVING, "moving " + String.join("; ", words), actions, moves);
    }

    /** Observed and desired RUNNING on a node that can keep it. */
    private static boolean runs(Task t, ReadTx tx) {
        return t.nodeId() != null && t.status() != null && t.state() == TaskState.RUNNING && t.desiredState() == TaskState.RUNNING
                && !Tasks.onInvalidNode(t, tx);
    }

    /** A replacement that will not take over: it ended, its node went away, or the scheduler found no node for it. */
    private static boolean moveFailed(Task replacement, ReadTx tx) {
        if (Tasks.needsRestart(replacement, tx)) return true;
        return replacement.nodeId() == null && replacement.status() != null && replacement.status().err() != null;
    }

    /** The movable task on {@code node} with the highest slot, not already taken this pass. */
    private static Task pick(List<Task> movable, String node, Set<String> taken) {
        Task best = null;
        for (Task t : movable) {
            if (node.equals(t.nodeId()) && !taken.contains(t.id()) && (best == null || t.slot() > best.slot())) best = t;
        }
        return best;
    }

    /**
     * The nodes a task may move from, fullest first (node order on a tie): those holding at least two
     * more of the service's tasks than the emptiest eligible node.
     */
    private static List<String> sources(Map<String, Integer> count) {
        int min = Integer.MAX_VALUE;
        for (int c : count.values()) min = Math.min(min, c);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : count.entrySet()) if (e.getValue() - min >= 2) out.add(e.getKey());
        out.sort(Comparator.comparing((String n) -> -count.get(n)));
        return out;
    }

    private static int spread(Map<String, Integer> count) {
        int max = Integer.MIN_VALUE;
        int min = Integer.MAX_VALUE;
        for (int c : count.values()) {
            max = Math.max(max, c);
            min = Math.min(min, c);
        }
        return max - min;
    }

    private static String counts(ClusterView view, Map<String, Integer> count) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : count.entrySet()) parts.add(name(view, e.getKey()) + "=" + e.getValue());
        return "tasks per eligible node " + String.join(", ", parts);
    }

    private static String name(ClusterView view, String nodeId) {
        if (nodeId == null) return "(no node)";
        Node n = view.node(nodeId);
        return n == null || n.hostname() == null || n.hostname().equals(nodeId) ? nodeId : n.hostname() + " (" + nodeId + ")";
    }

    private static String describe(Task t) {
        String s = t.status() == null ? "new" : t.state().json();
        String err = t.status() == null ? null : t.status().err();
        return s + (t.desiredState() != TaskState.RUNNING ? ", desired " + t.desiredState().json() : "") + (err == null ? "" : " (" + err + ")");
    }
}
