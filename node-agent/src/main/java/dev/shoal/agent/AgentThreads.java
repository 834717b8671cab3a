package dev.shoal.agent;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that many {@link Agent}s in one JVM can share: event loops for their sessions and a pool for
 * their task runners' engine calls (each runner stays serial on it). Agents never close them; the
 * creator does, after closing the agents. Thread-safe.
 *
 * @param sessions the agents' session event loops
 * @param tasks    the pool task runner steps run on
 */
public record AgentThreads(EventLoopGroup sessions, ExecutorService tasks) implements AutoCloseable {
    /** {@code eventLoops} session threads and a fixed pool of {@code taskThreads} daemon threads. */
    public static AgentThreads create(int eventLoops, int taskThreads) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(taskThreads, r -> {
            Thread t = new Thread(r, "agents-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new AgentThreads(new MultiThreadIoEventLoopGroup(eventLoops, NioIoHandler.newFactory()), pool);
    }

    @Override
    public void close() {
        sessions.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        tasks.shutdownNow();
    }
}
