package dev.shoal.sim.bench;

import dev.shoal.model.ContainerSpec;
import dev.shoal.model.ServiceAnnotations;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.Version;
import dev.shoal.protocol.AgentMessage;
import dev.shoal.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One assignment of one task (what each node gets per scheduler commit at 10,000 nodes) through both ends
 * of the agent protocol's codec on one session: encoded and framed by the dispatcher's pipeline, decoded by
 * the agent's. No sockets: the cost of the JSON and the pipeline only. The score is microseconds per
 * assignment. Run: {@code mvn -q -B -Pjmh package -DskipTests -pl src-test-fixtures -am && java -jar
 * src-test-fixtures/target/benchmarks.jar AgentProtocolBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class AgentProtocolBenchmark {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final TaskSpec spec = new TaskSpec(new ContainerSpec("busybox:latest", null, List.of("sleep", "infinity"), null, null,
            null, null, null, null), null, null, null, null);
    private EmbeddedChannel dispatcher;
    private EmbeddedChannel agent;
    private int n;

    @Setup
    public void open() {
        dispatcher = channel();
        agent = channel();
    }

    @Benchmark
    public Object oneTaskAssignment() {
        int i = n++;
        Task t = new Task("8wk96ewzq945jxiol11ru5z4" + i, new Version(1_234_567 + i), T0, T0, spec, "svcidxxxxxxxxxxxxxxxxxxxxx",
                new ServiceAnnotations("sim-001"), i, "nodeidxxxxxxxxxxxxxxxxxxx",
                TaskStatus.of(T0, TaskState.ASSIGNED, "scheduler assigned task to node"), TaskState.RUNNING, null);
        dispatcher.writeOutbound(new AgentMessage.Assignments(false, List.of(t), List.of()));
        for (ByteBuf b = dispatcher.readOutbound(); b != null; b = dispatcher.readOutbound()) agent.writeInbound(b);
        return agent.readInbound();
    }

    private static EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        FrameCodec.install(ch.pipeline(), FrameCodec.mapper());
        return ch;
    }
}
