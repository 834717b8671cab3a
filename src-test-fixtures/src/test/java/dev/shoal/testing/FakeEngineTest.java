package dev.shoal.testing;

import dev.shoal.executor.ContainerConfig;
import dev.shoal.executor.ContainerState;
import dev.shoal.executor.EngineException;
import dev.shoal.executor.EngineInfo;
import dev.shoal.executor.Labels;
import dev.shoal.executor.ManagedContainer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FakeEngineTest {
    private final FakeEngine engine = new FakeEngine().addImages("busybox");

    private static ContainerConfig config(String name, String node, String image) {
        return new ContainerConfig(name, image, null, List.of("sleep", "300"), null,
                Map.of(Labels.NODE_ID, node, Labels.TASK_ID, "task-" + name, Labels.SERVICE_ID, "svc"),
                null, null, null, 0, 0, 0);
    }

    @Test
    void infoIsConfigurable() throws EngineException {
        assertEquals("fake-host", engine.info().hostname());
        assertEquals(4_000_000_000L, engine.info().nanoCpus());
        EngineInfo big = FakeEngine.info("big", 64, 256L << 30);
        engine.setInfo(big);
        assertEquals(big, engine.info());
        assertEquals("big", new FakeEngine(big).info().hostname());
    }

    @Test
    void unknownImagesFailLikeDocker() throws EngineException {
        engine.ensureImage("busybox:latest");
        engine.ensureImage("busybox");
        EngineException e = assertThrows(EngineException.class, () -> engine.ensureImage("nginx"));
        assertEquals("No such image: nginx:latest", e.getMessage());
        assertTrue(e.notFound());
        assertThrows(EngineException.class, () -> engine.create(config("a", "n1", "nginx")));

        engine.failImage("busybox", "pull access denied for busybox");
        EngineException failed = assertThrows(EngineException.class, () -> engine.ensureImage("busybox"));
        assertEquals("pull access denied for busybox", failed.getMessage());

        FakeEngine any = new FakeEngine().acceptAnyImage(true).failImage("bad:1", "boom");
        any.ensureImage("whatever/image:7");
        assertThrows(EngineException.class, () -> any.ensureImage("bad:1"));
    }

    @Test
    void lifecycleAndListByNode() throws Exception {
        String a = engine.create(config("a", "n1", "busybox"));
        String b = engine.create(config("b", "n2", "busybox"));
        assertEquals(64, a.length());
        assertEquals("created", engine.inspect(a).status());

        engine.start(a);
        ContainerState running = engine.inspect(a);
        assertTrue(running.running());
        assertTrue(running.pid() > 0);

        List<ManagedContainer> n1 = engine.list("n1");
        assertEquals(1, n1.size());
        assertEquals(new ManagedContainer(a, "a", "task-a", "svc", true, 0), n1.get(0));
        assertEquals(b, engine.list("n2").get(0).containerId());
        assertTrue(engine.list("n3").isEmpty());

        CompletableFuture<Integer> exit = engine.awaitExit(a);
        assertFalse(exit.isDone());
        assertTrue(engine.kill(a, 3));
        assertEquals(3, exit.getNow(null));
        assertEquals(new ContainerState("exited", false, 3, 0, ""), engine.inspect(a));
        assertEquals(3, engine.list("n1").get(0).exitCode());
        assertEquals(3, engine.awaitExit(a).getNow(null));
        assertFalse(engine.kill(a, 4), "already exited");

        engine.remove(a);
        EngineException gone = assertThrows(EngineException.class, () -> engine.inspect(a));
        assertTrue(gone.notFound());
        ExecutionException waitGone = assertThrows(ExecutionException.class, () -> engine.awaitExit(a).get());
        assertTrue(((EngineException) waitGone.getCause()).notFound());
        engine.remove(a);
        engine.stop(a, Duration.ofSeconds(1));
        assertEquals(1, engine.containers().size());
    }

    @Test
    void neverStartedContainersWaitLikeDocker() throws EngineException {
        String id = engine.create(config("c", "n1", "busybox"));
        assertEquals(0, engine.awaitExit(id).getNow(null));
        assertFalse(engine.kill(id, 1));
    }

    @Test
    void stopAndForcedRemoveEndRunningContainers() throws EngineException {
        String s = engine.create(config("s", "n1", "busybox"));
        String r = engine.create(config("r", "n1", "busybox"));
        engine.start(s);
        engine.start(r);
        CompletableFuture<Integer> stopped = engine.awaitExit(s);
        CompletableFuture<Integer> removed = engine.awaitExit(r);
        engine.stop(s, Duration.ofSeconds(10));
        engine.stop(s, Duration.ofSeconds(10));
        engine.remove(r);
        assertEquals(FakeEngine.STOP_EXIT_CODE, stopped.getNow(null));
        assertEquals(FakeEngine.KILL_EXIT_CODE, removed.getNow(null));
    }

    @Test
    void namesAreUniqueUntilRemoved() throws EngineException {
        String first = engine.create(config("web.1.x", "n1", "busybox"));
        EngineException e = assertThrows(EngineException.class, () -> engine.create(config("web.1.x", "n1", "busybox")));
        assertTrue(e.getMessage().startsWith("Conflict. The container name \"/web.1.x\" is already in use"), e.getMessage());
        engine.remove(first);
        engine.create(config("web.1.x", "n1", "busybox"));
    }

    @Test
    void startDelayRunsOnTheGivenClock() throws EngineException {
        AtomicLong now = new AtomicLong();
        FakeEngine slow = new FakeEngine(FakeEngine.info("h", 1, 1L << 30), now::get)
                .addImages("busybox").startDelay(Duration.ofSeconds(2));
        String id = slow.create(config("d", "n1", "busybox"));
        slow.start(id);
        assertFalse(slow.inspect(id).running());
        assertFalse(slow.list("n1").get(0).running());
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertTrue(slow.inspect(id).running());
        assertTrue(slow.container(id).orElseThrow().state().running());
        assertEquals("n1", slow.container(id).orElseThrow().nodeId());
    }

    @Test
    void closeFailsCallsAndPendingWaits() throws EngineException {
        String id = engine.create(config("z", "n1", "busybox"));
        engine.start(id);
        CompletableFuture<Integer> exit = engine.awaitExit(id);
        engine.close();
        assertTrue(exit.isCompletedExceptionally());
        assertThrows(EngineException.class, engine::info);
        assertThrows(EngineException.class, () -> engine.list("n1"));
        assertTrue(engine.awaitExit(id).isCompletedExceptionally());
    }

    @Test
    void concurrentCreatesGetDistinctIdsAndNames() throws Exception {
        FakeEngine shared = new FakeEngine().acceptAnyImage(true);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    try {
                        String id = shared.create(config("c-" + thread + "-" + i, "n" + thread, "img"));
                        shared.start(id);
                        ids.add(id);
                    } catch (EngineException e) {
                        throw new AssertionError(e);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(2000, ids.size());
        assertEquals(500, shared.list("n2").size());
        assertEquals(2000, shared.containers().size());
    }
}
