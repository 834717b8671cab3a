package dev.shoal.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.protocol.FrameCodec;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What many {@link Agent}s in one JVM can share: event loops for their sessions, a pool for their task
 * runners' engine calls (each runner stays serial on it), and the protocol's JSON mapper (thread-safe
 * once configured; one mapper builds its serializers once instead of once per agent, which made a
 * thousand agents take seconds of CPU just to send their first frame). Agents never close them; the
 * creator does, after closing the agents. Thread-safe.
 *
 * @param sessions the agents' session event loops
 * @param tasks    the pool task runner steps run on
 * @param json     the agent protocol's mapper
 */
public record AgentThreads(EventLoopGroup sessions, ExecutorService tasks, ObjectMapper json) implements AutoCloseable {
    /** {@code eventLoops} session threads and a fixed pool of {@code taskThreads} daemon threads. */
    public static AgentThreads create(int eventLoops, int taskThreads) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(taskThreads, r -> {
            Thread t = new Thread(r, "agents-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new AgentThreads(new MultiThreadIoEventLoopGroup(eventLoops, NioIoHandler.newFactory()), pool, FrameCodec.mapper());
    }

    @Override
    public void close() {
        sessions.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        tasks.shutdownNow();
    }
}
