package dev.shoal.manager.orchestrator.rebalance;

import dev.shoal.manager.loop.ControlLoop;
import dev.shoal.manager.orchestrator.Batches;
import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.manager.scheduler.ClusterView;
import dev.shoal.manager.scheduler.ReadyFilter;
import dev.shoal.manager.scheduler.Scheduler;
import dev.shoal.model.Ids;
import dev.shoal.model.Node;
import dev.shoal.model.Service;
import dev.shoal.model.StoreObject;
import dev.shoal.model.Task;
import dev.shoal.store.ReadTx;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads the tasks of opted-in replicated services ({@link Rebalancing}) again when the cluster
 * changes, one start-first move at a time, as its {@link RebalancePlanner} decides. Leader-only; what
 * Docker Swarm declines to do (moby#24103).
 *
 * <p>A service is <em>armed</em> when it is created or updated while opted in, when any node starts to
 * take new tasks (joins, comes back READY, becomes ACTIVE, or changes its spec or description while READY
 * and ACTIVE), and for every opted-in service when the loop starts (so a new leader finishes the moves
 * of the last one). While armed, every change to one of its tasks makes it looked at again; it is disarmed
 * when the planner finds it balanced. A service that opts out stays armed until its moves under way are
 * finished. After a failed move the service backs off (5 s, doubling up to
 * 5 min, reset once balanced) before it is looked at again.
 *
 * <p>Writes are non-atomic batches of independent actions (a replacement's creation, an old task's or a
 * failed replacement's desired SHUTDOWN), through the store it was given — on a manager, the one fenced to
 * this leader's term. A refused write makes its service looked at again from a fresh read.
 *
 * <p>Cost: nothing while no armed service needs a look (it follows no task or node between passes); a
 * pass that plans builds one {@link ClusterView} from the same read as the plans (O(nodes + tasks on
 * them)), so the scheduler it asks sees exactly what the plans see. Threading and errors as in
 * {@link ControlLoop}.
 */
public final class Rebalancer extends ControlLoop {
    /** First back-off after a failed move. */
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    /** Longest back-off after repeated failed moves. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);
    private final RebalancePlanner planner;
    private final Set<String> optedIn = new HashSet<>();
    private final Set<String> armed = new HashSet<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, Instant> backoffUntil = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, String> lastWords = new HashMap<>();

    public Rebalancer(Store store, Clock clock, Ids ids) { this(store, clock, ids, DEFAULT_TICK); }

    /** {@code tick}: longest sleep between passes (back-offs are checked at least this often). */
    public Rebalancer(Store store, Clock clock, Ids ids, Duration tick) {
        super("rebalancer", store, clock, tick);
        this.planner = new RebalancePlanner(new Scheduler(), new TaskFactory(ids));
    }

    /** Ids of the services being rebalanced now (a copy; read it only from tests, after the loop stopped or between {@link #runOnce} calls). */
    public Set<String> armed() { return new HashSet<>(armed); }

    @Override
    protected void resync(ReadTx tx) {
        optedIn.clear();
        armed.clear();
        dirty.clear();
        for (Service s : tx.services()) {
            if (Rebalancing.optedIn(s)) {
                optedIn.add(s.id());
                arm(s.id());
            }
        }
        backoffUntil.keySet().retainAll(optedIn);
        failures.keySet().retainAll(optedIn);
    }

    @Override
    protected void onEvent(StoreEvent e) {
        StoreObject old = e.before();
        StoreObject now = e.after();
        StoreObject any = now != null ? now : old;
        if (any instanceof Task) {
            String service = ((Task) any).serviceId();
            if (armed.contains(service)) dirty.add(service);
        } else if (any instanceof Node) {
            if (now != null && startsTakingTasks((Node) old, (Node) now)) for (String s : optedIn) arm(s);
        } else if (any instanceof Service) {
            if (now != null && Rebalancing.optedIn((Service) now)) {
                optedIn.add(now.id());
                arm(now.id());
            } else if (now != null && optedIn.remove(now.id())) {
                arm(now.id()); // opted out: one more look, to finish the moves under way
            } else {
                forget(any.id());
            }
        }
    }

    /** A node that takes new tasks now and did not before, or whose spec or description changed while it does. */
    static boolean startsTakingTasks(Node old, Node now) {
        if (!ReadyFilter.acceptsNewTasks(now)) return false;
        if (old == null || !ReadyFilter.acceptsNewTasks(old)) return true;
        return !Objects.equals(old.spec(), now.spec()) || !Objects.equals(old.description(), now.description());
    }

    private void arm(String serviceId) {
        armed.add(serviceId);
        dirty.add(serviceId);
    }

    private void forget(String serviceId) {
        optedIn.remove(serviceId);
        armed.remove(serviceId);
        dirty.remove(serviceId);
        backoffUntil.remove(serviceId);
        failures.remove(serviceId);
        lastWords.remove(serviceId);
    }

    @Override
    protected Instant nextDeadline() {
        Instant min = null;
        for (Instant i : backoffUntil.values()) if (min == null || i.isBefore(min)) min = i;
        return min;
    }

    @Override
    protected void act() {
        Instant now = clock.instant();
        backoffUntil.entrySet().removeIf(e -> {
            if (e.getValue().isAfter(now)) return false;
            if (armed.contains(e.getKey())) dirty.add(e.getKey());
            return true;
        });
        if (dirty.isEmpty()) return;
        List<String> services = new ArrayList<>();
        for (String id : dirty) if (!backoffUntil.containsKey(id)) services.add(id);
        dirty.clear();
        if (services.isEmpty()) return;

        List<RebalancePlan> plans = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        store.view(tx -> {
            ClusterView view = null;
            for (String id : services) {
                Service s = tx.service(id);
                if (s == null) continue;
                if (view == null) view = ClusterView.of(tx);
                names.put(id, s.spec().name());
                plans.add(planner.plan(tx, view, s, now));
            }
            return null;
        });
        List<StoreAction> actions = new ArrayList<>();
        Map<String, String> serviceOfTask = new HashMap<>();
        for (RebalancePlan p : plans) {
            report(p, names.get(p.serviceId()) + " (" + p.serviceId() + ")");
            switch (p.verdict()) {
                case IGNORED:
                    forget(p.serviceId());
                    break;
                case BALANCED:
                    armed.remove(p.serviceId());
                    failures.remove(p.serviceId());
                    break;
                case FAILED:
                    int n = failures.merge(p.serviceId(), 1, Integer::sum);
                    backoffUntil.put(p.serviceId(), now.plus(backoff(n)));
                    break;
                default:
                    break;
            }
            for (StoreAction a : p.actions()) {
                actions.add(a);
                serviceOfTask.put(taskOf(a).id(), p.serviceId());
            }
        }
        for (Batches.Refused r : Batches.commitEach(store, actions)) {
            String svc = serviceOfTask.get(taskOf(r.action()).id());
            LOG.debug("rebalance write refused for task {}: {}", taskOf(r.action()).id(), r.rejection().error().message());
            if (svc != null && armed.contains(svc)) dirty.add(svc);
        }
    }

    /** Back-off after the {@code n}th failed move in a row: 5 s, 10 s, 20 s, … at most 5 min. */
    static Duration backoff(int n) {
        Duration d = FIRST_BACKOFF;
        for (int i = 1; i < n && d.compareTo(MAX_BACKOFF) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /**
     * Logs a plan: moves at INFO, failures at WARN, the verdict that ends a rebalance (balanced) at INFO
     * and waiting at DEBUG — the last two only when their words change, not at every task event.
     */
    private void report(RebalancePlan p, String service) {
        boolean changed = !p.explanation().equals(lastWords.put(p.serviceId(), p.explanation()));
        switch (p.verdict()) {
            case MOVING:
                LOG.info("rebalance {}: {}", service, p.explanation());
                break;
            case FAILED:
                LOG.warn("rebalance {}: {}; backing off", service, p.explanation());
                break;
            case BALANCED:
                if (changed) LOG.info("rebalance {}: {}", service, p.explanation());
                break;
            case WAITING:
                if (changed) LOG.debug("rebalance {}: {}", service, p.explanation());
                break;
            default:
                break;
        }
    }

    private static Task taskOf(StoreAction a) {
        return a instanceof StoreAction.Create c ? (Task) c.object() : (Task) ((StoreAction.Update) a).object();
    }
}
