package dev.shoal.manager.orchestrator;

import dev.shoal.manager.restart.RestartSupervisor;
import dev.shoal.store.CommitResult;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes restart decisions for every orchestrator: as few atomic entries as the batch limit allows. An
 * atomic entry is refused as a whole at its first stale restart; that restart is dropped (its service
 * looked at again on the next pass) and the rest tried again as one entry, a few times; only then is
 * each remaining restart written alone, all of them proposed at once and awaited together. Before, one
 * conflict made the thousands of restarts a new leader makes for the tasks of nodes that went down go
 * one Raft round trip (and one fsync) after another, which kept the orchestrator busy for minutes.
 * Stateless.
 */
public final class RestartCommits {
    private static final Logger log = LoggerFactory.getLogger(RestartCommits.class);
    /** Atomic entries tried per chunk, each without the restart the previous one refused, before single restarts. */
    static final int MAX_ATOMIC_ATTEMPTS = 4;

    private RestartCommits() {}

    /**
     * Commits {@code restarts}, tells {@code supervisor} of each one that committed, and returns the ids
     * of the services whose restarts were refused (to be looked at again on the next pass).
     */
    public static Set<String> commit(Store store, RestartSupervisor supervisor, List<RestartSupervisor.Decision> restarts) {
        Set<String> refused = new LinkedHashSet<>();
        // each decision is at most two actions, so half the limit in decisions keeps an entry within it
        for (int from = 0; from < restarts.size(); ) {
            int to = Math.min(restarts.size(), from + Batches.MAX_ACTIONS / 2);
            List<RestartSupervisor.Decision> chunk = new ArrayList<>(restarts.subList(from, to));
            // An atomic entry stops at its first refusal: drop that restart and try the rest again, a
            // few times (refusals are rare: a task changed between the view and the commit).
            for (int attempt = 0; attempt < MAX_ATOMIC_ATTEMPTS && !chunk.isEmpty(); attempt++) {
                List<StoreAction> acts = new ArrayList<>();
                List<Integer> owner = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    for (StoreAction a : actionsOf(chunk.get(i))) {
                        acts.add(a);
                        owner.add(i);
                    }
                }
                CommitResult r = store.commitEach(Proposal.atomic(acts));
                if (r.ok()) {
                    for (RestartSupervisor.Decision d : chunk) supervisor.committed(d);
                    chunk.clear();
                    break;
                }
                RestartSupervisor.Decision bad = chunk.remove((int) owner.get(r.rejected().get(0).position()));
                log.debug("restart of task {} refused: {}", bad.shutdown().id(), r.rejected().get(0).error().message());
                refused.add(bad.shutdown().serviceId());
            }
            if (!chunk.isEmpty()) {
                List<Proposal> singles = new ArrayList<>(chunk.size());
                for (RestartSupervisor.Decision d : chunk) singles.add(Proposal.atomic(actionsOf(d)));
                List<CommitResult> results = store.commitAll(singles);
                for (int i = 0; i < chunk.size(); i++) {
                    RestartSupervisor.Decision d = chunk.get(i);
                    CommitResult one = results.get(i);
                    if (one.ok()) {
                        supervisor.committed(d);
                    } else {
                        log.debug("restart of task {} refused: {}", d.shutdown().id(), one.rejected().get(0).error().message());
                        refused.add(d.shutdown().serviceId());
                    }
                }
            }
            from = to;
        }
        return refused;
    }

    private static List<StoreAction> actionsOf(RestartSupervisor.Decision d) {
        return d.restarts()
                ? List.of(new StoreAction.Update(d.shutdown()), new StoreAction.Create(d.replacement()))
                : List.of(new StoreAction.Update(d.shutdown()));
    }
}
