package dev.shoal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manager.orchestrator.rebalance.Rebalancing;
import dev.shoal.model.Placement;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.StoreObject;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.store.ReadTx;
import dev.shoal.store.Store;
import dev.shoal.store.StoreEvent;
import dev.shoal.store.Subscription;
import dev.shoal.testing.FakeEngine;
import dev.shoal.testing.InProcessCluster;
import dev.shoal.testing.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebalancing through the whole manager (Ratis on disk, leader loops, dispatcher over Netty) with
 * workers on fake engines: a service that opted in spreads onto a new worker start-first, and one that
 * did not stays where it is, as in Swarm.
 */
class RebalanceClusterTest {
    @TempDir
    Path dir;
    InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = InProcessCluster.start(dir, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** Six replicas on workers only (the manager node runs tasks too), with or without the opt-in label. */
    private static ServiceSpec onWorkers(String name, boolean rebalance) {
        ServiceSpec base = InProcessClusterTest.service(name, 6);
        TaskSpec t = base.taskTemplate();
        TaskSpec workers = new TaskSpec(t.containerSpec(), t.resources(), t.restartPolicy(), new Placement(List.of("node.role==worker"), null), null);
        return new ServiceSpec(name, rebalance ? Map.of(Rebalancing.LABEL, "true") : Map.of(), workers, base.mode(), null);
    }

    /** Tasks of {@code serviceId} observed and desired RUNNING, per node. */
    private Map<String, Integer> running(String serviceId) {
        return cluster.store().view(tx -> {
            Map<String, Integer> m = new TreeMap<>();
            for (Task t : tx.tasksOfService(serviceId)) if (runs(t)) m.merge(t.nodeId(), 1, Integer::sum);
            return m;
        });
    }

    /** Running fake containers of service {@code name}, per node. */
    private Map<String, Integer> containers(String name) {
        Map<String, Integer> m = new TreeMap<>();
        for (FakeEngine.Container c : cluster.allContainers()) {
            if (c.state().running() && name.equals(c.config().labels().get("dev.shoal.service.name"))) m.merge(c.nodeId(), 1, Integer::sum);
        }
        return m;
    }

    private static boolean runs(Task t) { return t.status() != null && t.state() == TaskState.RUNNING && t.desiredState() == TaskState.RUNNING; }

    @Test
    void aNewWorkerGetsItsShareAndTheRunningCountNeverDrops() throws Exception {
        String w1 = cluster.addWorker("worker-1").nodeId();
        String w2 = cluster.addWorker("worker-2").nodeId();
        String web = cluster.api().createService(onWorkers("web", true));
        String plain = cluster.api().createService(onWorkers("plain", false));
        Wait.until("web runs 3/3", () -> running(web).equals(Map.of(w1, 3, w2, 3)));
        Wait.until("plain runs 3/3", () -> running(plain).equals(Map.of(w1, 3, w2, 3)));

        try (RunningWatch watch = new RunningWatch(cluster.store(), web)) {
            assertEquals(6, watch.lowest(), "six running when the watch starts");
            String w3 = cluster.addWorker("worker-3").nodeId();
            Wait.until("web spreads to 2/2/2", () -> running(web).equals(Map.of(w1, 2, w2, 2, w3, 2)));
            assertEquals(Map.of(w1, 3, w2, 3), running(plain), "a service that did not opt in stays where it is");
            Wait.until("web's old containers stop", () -> containers("web").equals(Map.of(w1, 2, w2, 2, w3, 2)));
            long now = cluster.store().view(ReadTx::lastIndex);
            Wait.until("the watch has seen every commit so far", () -> watch.seen() >= now);
            assertTrue(watch.commits() > 0);
            assertEquals(6, watch.lowest(), "never fewer than 6 tasks running, at any commit along the way");
            assertTrue(watch.highest() > 6, "start-first: a replacement ran beside its old task (highest seen " + watch.highest() + ")");
            long live = cluster.store().view(tx -> tx.tasksOfService(web).stream().filter(t -> !t.desiredState().isAfter(TaskState.RUNNING)).count());
            assertEquals(6, live, "no task left over");
        }
        assertEquals(Map.of(w1, 3, w2, 3), containers("plain"));
    }

    /**
     * Follows one service's tasks from the store's events on its own thread and records, after each
     * applied proposal, how many are observed and desired RUNNING: the lowest and highest counts seen.
     */
    private static final class RunningWatch implements AutoCloseable {
        private final String serviceId;
        private final Map<String, Task> tasks = new HashMap<>();
        private final AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
        private final AtomicInteger highest = new AtomicInteger();
        private final AtomicLong seen = new AtomicLong();
        private final AtomicLong commits = new AtomicLong();
        private final Subscription sub;
        private final Thread thread;
        private volatile boolean closed;

        RunningWatch(Store store, String serviceId) {
            this.serviceId = serviceId;
            this.sub = store.watch(tx -> {
                for (Task t : tx.tasksOfService(serviceId)) tasks.put(t.id(), t);
                seen.set(tx.lastIndex());
                record();
            });
            this.thread = new Thread(this::run, "running-watch");
            thread.setDaemon(true);
            thread.start();
        }

        int lowest() { return lowest.get(); }

        int highest() { return highest.get(); }

        long seen() { return seen.get(); }

        long commits() { return commits.get(); }

        private void record() {
            int n = 0;
            for (Task t : tasks.values()) if (runs(t)) n++;
            lowest.accumulateAndGet(n, Math::min);
            highest.accumulateAndGet(n, Math::max);
        }

        private void run() {
            try {
                while (!closed) {
                    for (StoreEvent e : sub.next(100, TimeUnit.MILLISECONDS, 10_000)) {
                        if (e instanceof StoreEvent.Commit c) {
                            record();
                            commits.incrementAndGet();
                            seen.set(c.index());
                        } else if (e instanceof StoreEvent.Reset) {
                            throw new IllegalStateException("the store was reset under the watch");
                        } else {
                            StoreObject o = e instanceof StoreEvent.Created cr ? cr.object()
                                    : e instanceof StoreEvent.Updated u ? u.object() : ((StoreEvent.Deleted) e).object();
                            if (!(o instanceof Task t) || !serviceId.equals(t.serviceId())) continue;
                            if (e instanceof StoreEvent.Deleted) tasks.remove(t.id()); else tasks.put(t.id(), t);
                        }
                    }
                }
            } catch (InterruptedException e) {
                // closing
            } catch (RuntimeException e) {
                lowest.set(-1); // makes the test fail loudly
                throw e;
            }
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            thread.interrupt();
            thread.join(5_000);
            sub.close();
        }
    }
}
