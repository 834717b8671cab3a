package dev.shoal.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.ContainerSpec;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.model.UpdateConfig;
import dev.shoal.store.StoreEvent;
import dev.shoal.store.Subscription;
import dev.shoal.testing.InProcessCluster;
import dev.shoal.testing.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service update rolls the tasks to the new template one slot at a time: every slot ends with one
 * running task of the new template, and with start-first the running count never drops below the
 * replicas (watched at every commit).
 */
class RollingUpdateClusterTest {
    @TempDir
    Path dir;
    InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = InProcessCluster.start(dir, Duration.ofSeconds(2));
        cluster.addWorker("worker-1");
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static ServiceSpec web(String version, UpdateConfig update) {
        ContainerSpec c = new ContainerSpec("shoal/busybox", null, null, List.of("sleep", "3600"), List.of("VERSION=" + version), null, null,
                null, 1_000_000_000L);
        return new ServiceSpec("web", null, new TaskSpec(c, null, null, null, null), ServiceMode.replicated(4), null, update);
    }

    private List<Task> runningTasks() {
        return cluster.store().view(tx -> {
            Service s = tx.serviceByName("web");
            return tx.tasksOfService(s.id()).stream()
                    .filter(t -> t.desiredState() == TaskState.RUNNING && t.state() == TaskState.RUNNING).toList();
        });
    }

    @Test
    void startFirstUpdateReplacesEverySlotWithoutDroppingBelowTheReplicas() throws Exception {
        cluster.api().createService(web("1", new UpdateConfig(2L, null, null, null, null, "start-first")));
        Wait.until("4 running v1 tasks", () -> runningTasks().size() == 4);

        AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
        Subscription watch = cluster.store().watch(tx -> { });
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    List<StoreEvent> events = watch.next(200, TimeUnit.MILLISECONDS, 10_000);
                    if (!events.isEmpty()) lowest.accumulateAndGet(runningTasks().size(), Math::min);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        try {
            Service s = cluster.api().getService("web");
            cluster.api().updateService("web", s.version().index(), web("2", s.spec().updateConfig()));
            Wait.until("every slot runs v2", Duration.ofSeconds(60), () -> {
                List<Task> running = runningTasks();
                Map<Integer, Integer> perSlot = new HashMap<>();
                for (Task t : running) {
                    if (!t.spec().containerSpec().env().contains("VERSION=2")) return false;
                    perSlot.merge(t.slot(), 1, Integer::sum);
                }
                return perSlot.size() == 4 && perSlot.values().stream().allMatch(n -> n == 1);
            });
        } catch (AssertionError e) {
            cluster.store().view(tx -> {
                for (Task t : tx.tasksOfService(tx.serviceByName("web").id())) {
                    System.err.println("TASK " + t.slot() + " " + t.id() + " desired=" + t.desiredState() + " state=" + t.state()
                            + " env=" + t.spec().containerSpec().env() + " node=" + t.nodeId() + " created=" + t.createdAt());
                }
                return null;
            });
            throw e;
        } finally {
            watcher.interrupt();
            watcher.join();
            watch.close();
        }
        assertTrue(lowest.get() >= 4, "never fewer than 4 running during a start-first update, saw " + lowest.get());
    }

    @Test
    void stopFirstIsTheDefault() {
        cluster.api().createService(web("1", null));
        Wait.until("4 running v1 tasks", () -> runningTasks().size() == 4);
        Service s = cluster.api().getService("web");
        cluster.api().updateService("web", s.version().index(), web("2", null));
        Wait.until("every slot runs v2", Duration.ofSeconds(60), () -> {
            List<Task> running = runningTasks();
            return running.size() == 4 && running.stream().allMatch(t -> t.spec().containerSpec().env().contains("VERSION=2"));
        });
        Wait.until("no v1 container left running", () -> cluster.allContainers().stream()
                .noneMatch(c -> c.state().running() && c.config().env().contains("VERSION=1")));
    }

    @Test
    void aRollbackRollsTheTasksBackToThePreviousTemplate() {
        cluster.api().createService(web("1", null));
        Wait.until("4 running v1 tasks", () -> runningTasks().size() == 4);
        Service s = cluster.api().getService("web");
        cluster.api().updateService("web", s.version().index(), web("2", null));
        Wait.until("every slot runs v2", Duration.ofSeconds(60), () -> everyRunningTaskHas("VERSION=2"));

        cluster.api().rollbackService("web", cluster.api().getService("web").version().index());
        Wait.until("every slot runs v1 again", Duration.ofSeconds(60), () -> everyRunningTaskHas("VERSION=1"));
        Wait.until("no v2 container left running", () -> cluster.allContainers().stream()
                .noneMatch(c -> c.state().running() && c.config().env().contains("VERSION=2")));
    }

    private boolean everyRunningTaskHas(String env) {
        List<Task> running = runningTasks();
        return running.size() == 4 && running.stream().allMatch(t -> t.spec().containerSpec().env().contains(env));
    }
}
