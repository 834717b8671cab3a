package dev.shoal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.ContainerSpec;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.model.UpdateConfig;
import dev.shoal.model.UpdateState;
import dev.shoal.testing.InProcessCluster;
import dev.shoal.testing.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update whose new tasks fail: the update config's failure action applies, as in Swarm — pause stops
 * replacing slots and says which task failed; rollback puts the previous spec back and rolls the tasks
 * to it; the service's UpdateStatus tells each step, and a clean update ends {@code completed}.
 */
class UpdateFailureClusterTest {
    private static final String BROKEN = "shoal/broken:2";

    @TempDir
    Path dir;
    InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = InProcessCluster.start(dir, Duration.ofSeconds(2));
        cluster.addWorker("worker-1");
        cluster.managerEngine().failImage(BROKEN, "pull access denied for shoal/broken");
        for (InProcessCluster.Worker w : cluster.workers()) w.engine().failImage(BROKEN, "pull access denied for shoal/broken");
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static ServiceSpec web(String image, UpdateConfig update) {
        ContainerSpec c = new ContainerSpec(image, null, null, List.of("sleep", "3600"), null, null, null, null, 1_000_000_000L);
        return new ServiceSpec("web", null, new TaskSpec(c, null, null, null, null), ServiceMode.replicated(4), null, update);
    }

    private List<Task> running(String image) {
        return cluster.store().view(tx -> tx.tasksOfService(tx.serviceByName("web").id()).stream()
                .filter(t -> t.desiredState() == TaskState.RUNNING && t.state() == TaskState.RUNNING
                        && t.spec().containerSpec().image().equals(image))
                .toList());
    }

    private Service web() { return cluster.api().getService("web"); }

    private void update(ServiceSpec spec) {
        cluster.api().updateService("web", web().version().index(), spec);
    }

    @Test
    void aCleanUpdateEndsCompleted() {
        UpdateConfig fast = new UpdateConfig(2L, null, null, 100_000_000L, null, null);
        cluster.api().createService(web("shoal/busybox:1", fast));
        Wait.until("4 running v1 tasks", () -> running("shoal/busybox:1").size() == 4);
        update(web("shoal/busybox:2", fast));
        Wait.until("the update completed", Duration.ofSeconds(60),
                () -> web().updateStatus() != null && web().updateStatus().state() == UpdateState.COMPLETED);
        assertEquals(4, running("shoal/busybox:2").size());
        assertEquals("update completed", web().updateStatus().message());
        assertTrue(web().updateStatus().completedAt() != null);
    }

    @Test
    void pauseStopsTheUpdateAtTheFirstFailedTaskAndANewUpdateResumes() {
        cluster.api().createService(web("shoal/busybox:1", null)); // Swarm's defaults: one at a time, pause on failure
        Wait.until("4 running v1 tasks", () -> running("shoal/busybox:1").size() == 4);
        update(web(BROKEN, null));
        Wait.until("the update paused", Duration.ofSeconds(60),
                () -> web().updateStatus() != null && web().updateStatus().state() == UpdateState.PAUSED);
        assertTrue(web().updateStatus().message().startsWith("update paused due to failure or early termination of task "),
                web().updateStatus().message());
        // Paused after the first slot: the other three still run the old image, and stay so.
        Wait.until("three v1 tasks still running", () -> running("shoal/busybox:1").size() == 3);
        long stale = cluster.store().view(tx -> tx.tasksOfService(tx.serviceByName("web").id()).stream()
                .filter(t -> t.desiredState() == TaskState.RUNNING && t.spec().containerSpec().image().equals("shoal/busybox:1")).count());
        assertEquals(3, stale, "no further slot is replaced while paused");

        update(web("shoal/busybox:3", null));
        Wait.until("every slot runs v3 after the next update", Duration.ofSeconds(60), () -> running("shoal/busybox:3").size() == 4);
    }

    @Test
    void rollbackPutsThePreviousSpecBackAndRollsTheTasksToIt() {
        UpdateConfig rollbackOnFailure = new UpdateConfig(1L, null, "rollback", null, null, null);
        cluster.api().createService(web("shoal/busybox:1", rollbackOnFailure));
        Wait.until("4 running v1 tasks", () -> running("shoal/busybox:1").size() == 4);
        update(web(BROKEN, rollbackOnFailure));
        Wait.until("the rollback completed", Duration.ofSeconds(60),
                () -> web().updateStatus() != null && web().updateStatus().state() == UpdateState.ROLLBACK_COMPLETED);
        Service s = web();
        assertEquals("shoal/busybox:1", s.spec().taskTemplate().containerSpec().image());
        assertEquals(BROKEN, s.previousSpec().taskTemplate().containerSpec().image());
        assertEquals("rollback completed", s.updateStatus().message());
        Wait.until("4 running v1 tasks again", () -> running("shoal/busybox:1").size() == 4);
    }
}
