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
 * Writes restart decisions for every orchestrator: as few atomic entries as the batch limit allows; if
 * one is refused, each restart of it alone, so one conflict cannot block the rest. Those single
 * restarts are proposed all at once and awaited together: committed one after another, the thousands
 * of restarts a new leader makes for the tasks of nodes that went down kept the orchestrator busy for
 * minutes (one Raft round trip each). Stateless.
 */
public final class RestartCommits {
    private static final Logger log = LoggerFactory.getLogger(RestartCommits.class);

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
            List<RestartSupervisor.Decision> chunk = restarts.subList(from, to);
            List<StoreAction> acts = new ArrayList<>();
            for (RestartSupervisor.Decision d : chunk) acts.addAll(actionsOf(d));
            if (store.commitEach(Proposal.atomic(acts)).ok()) {
                for (RestartSupervisor.Decision d : chunk) supervisor.committed(d);
            } else {
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
