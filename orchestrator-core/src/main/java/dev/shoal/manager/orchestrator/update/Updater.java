package dev.shoal.manager.orchestrator.update;

import dev.shoal.manager.loop.ControlLoop;
import dev.shoal.manager.orchestrator.TaskFactory;
import dev.shoal.model.Ids;
import dev.shoal.model.Service;
import dev.shoal.model.Task;
import dev.shoal.store.Proposal;
import dev.shoal.store.ReadTx;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreEvent;
import dev.shoal.store.StoreException;
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
 * Rolls a replicated service's tasks to its new template after {@code service update} (or a stack
 * redeploy that changed it), a few slots at a time, as its {@link UpdatePlanner} decides. Leader-only.
 * A service is followed from the update that changed its template (or endpoint) until no slot is stale;
 * a new leader looks at every service once, so it finishes the last leader's updates. Writes each slot's
 * replacement as one atomic proposal through the store it was given (fenced to the leader's term on a
 * manager). Threading and errors as in {@link ControlLoop}.
 */
public final class Updater extends ControlLoop {
    private static final Logger LOG = LoggerFactory.getLogger(Updater.class);
    private final UpdatePlanner planner;
    private final Set<String> updating = new HashSet<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, Instant> lastBatch = new HashMap<>();

    public Updater(Store store, Clock clock, Ids ids) {
        super("updater", store, clock, DEFAULT_TICK);
        this.planner = new UpdatePlanner(new TaskFactory(ids));
    }

    @Override
    protected void resync(ReadTx tx) {
        updating.clear();
        dirty.clear();
        for (Service s : tx.services()) {
            updating.add(s.id());
            dirty.add(s.id());
        }
    }

    @Override
    protected void onEvent(StoreEvent e) {
        if (e instanceof StoreEvent.Updated u && u.object() instanceof Service s) {
            Service old = (Service) u.old();
            if (!Objects.equals(old.spec().taskTemplate(), s.spec().taskTemplate())
                    || !Objects.equals(old.spec().endpointSpec(), s.spec().endpointSpec())
                    || !Objects.equals(old.spec().updateConfig(), s.spec().updateConfig())) {
                updating.add(s.id());
                dirty.add(s.id());
            }
        } else if (e instanceof StoreEvent.Deleted d && d.object() instanceof Service s) {
            updating.remove(s.id());
            dirty.remove(s.id());
            lastBatch.remove(s.id());
        } else if (e instanceof StoreEvent.Updated u && u.object() instanceof Task t && updating.contains(t.serviceId())) {
            dirty.add(t.serviceId());
        } else if (e instanceof StoreEvent.Created c && c.object() instanceof Task t && updating.contains(t.serviceId())) {
            dirty.add(t.serviceId());
        }
    }

    @Override
    protected Instant nextDeadline() {
        return updating.isEmpty() ? null : clock.instant().plus(Duration.ofMillis(500)); // delays between batches
    }

    @Override
    protected void act() {
        if (dirty.isEmpty() && updating.isEmpty()) return;
        Set<String> look = new LinkedHashSet<>(dirty);
        look.addAll(updating);
        dirty.clear();
        Instant now = clock.instant();
        List<UpdatePlan> plans = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        store.view(tx -> {
            for (String id : look) {
                Service s = tx.service(id);
                if (s == null) continue;
                names.put(id, s.spec().name());
                plans.add(planner.plan(tx, s, now, lastBatch.get(id)));
            }
            return null;
        });
        for (UpdatePlan p : plans) {
            if (p.done() && p.batches().isEmpty()) {
                if (updating.remove(p.serviceId()) && lastBatch.remove(p.serviceId()) != null) {
                    LOG.info("service {} updated", names.get(p.serviceId()));
                }
                continue;
            }
            if (p.batches().isEmpty()) continue;
            if (p.stale() > 0) lastBatch.put(p.serviceId(), now);
            if (p.stale() > 0) LOG.info("service {}: updating {} of {} stale tasks", names.get(p.serviceId()), p.batches().size(), p.stale());
            for (List<StoreAction> slot : p.batches()) {
                try {
                    store.commit(Proposal.atomic(slot));
                } catch (StoreException e) {
                    LOG.debug("update of service {} refused ({}); looking again", names.get(p.serviceId()), e.getMessage());
                    dirty.add(p.serviceId());
                }
            }
        }
    }
}
