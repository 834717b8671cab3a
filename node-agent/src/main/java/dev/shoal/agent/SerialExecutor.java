package dev.shoal.agent;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs submitted work one piece at a time, in submission order, on a shared pool: each task runner owns
 * one, so a task's engine calls never interleave while many tasks proceed in parallel. Thread-safe.
 */
final class SerialExecutor implements Executor {
    private final Executor pool;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor pool) { this.pool = pool; }

    @Override
    public void execute(Runnable r) {
        synchronized (queue) {
            queue.add(r);
            if (running) return;
            running = true;
        }
        pool.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SerialExecutor.class).error("task runner step failed", e);
            }
        }
    }
}
