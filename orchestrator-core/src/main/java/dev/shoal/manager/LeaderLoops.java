package dev.shoal.manager;

import dev.shoal.manager.dispatcher.Dispatcher;
import dev.shoal.manager.orchestrator.global.GlobalOrchestrator;
import dev.shoal.manager.orchestrator.jobs.JobOrchestrator;
import dev.shoal.manager.orchestrator.rebalance.Rebalancer;
import dev.shoal.manager.orchestrator.update.Updater;
import dev.shoal.manager.orchestrator.replicated.ReplicatedOrchestrator;
import dev.shoal.manager.reaper.TaskReaper;
import dev.shoal.manager.scheduler.SchedulerLoop;
import dev.shoal.model.Ids;
import dev.shoal.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that runs only on the Raft leader: the dispatcher, the replicated, global and job
 * orchestrators (each with its restart supervisor), the scheduler, the rebalancer, the updater and the task reaper. Started when
 * this manager becomes leader, closed (in reverse order) the moment it is not. Not reusable: make a new one per term.
 */
public final class LeaderLoops implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaderLoops.class);

    private final Dispatcher dispatcher;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Store store;
    private final Clock clock;

    public LeaderLoops(Store store, Clock clock, Duration heartbeatPeriod, Duration heartbeatGrace) {
        this.store = store;
        this.clock = clock;
        this.dispatcher = new Dispatcher(store, clock, heartbeatPeriod, heartbeatGrace);
    }

    public synchronized void start() {
        dispatcher.start();
        started.add(dispatcher);
        ReplicatedOrchestrator orchestrator = new ReplicatedOrchestrator(store, clock, new Ids());
        orchestrator.start();
        started.add(orchestrator);
        GlobalOrchestrator global = new GlobalOrchestrator(store, clock, new Ids());
        global.start();
        started.add(global);
        JobOrchestrator jobs = new JobOrchestrator(store, clock, new Ids());
        jobs.start();
        started.add(jobs);
        SchedulerLoop scheduler = new SchedulerLoop(store, clock);
        scheduler.start();
        started.add(scheduler);
        Rebalancer rebalancer = new Rebalancer(store, clock, new Ids());
        rebalancer.start();
        started.add(rebalancer);
        Updater updater = new Updater(store, clock, new Ids());
        updater.start();
        started.add(updater);
        TaskReaper reaper = new TaskReaper(store, clock);
        reaper.start();
        started.add(reaper);
    }

    /** The dispatcher serving agents during this term. */
    public Dispatcher dispatcher() { return dispatcher; }

    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("could not stop {}: {}", started.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        started.clear();
    }
}
