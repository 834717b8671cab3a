package dev.shoal.sim.bench;

import dev.shoal.manager.scheduler.ClusterView;
import dev.shoal.manager.scheduler.Plan;
import dev.shoal.manager.scheduler.Scheduler;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.EngineDescription;
import dev.shoal.model.Node;
import dev.shoal.model.NodeAvailability;
import dev.shoal.model.NodeDescription;
import dev.shoal.model.NodeRole;
import dev.shoal.model.NodeSpec;
import dev.shoal.model.NodeState;
import dev.shoal.model.NodeStatus;
import dev.shoal.model.Placement;
import dev.shoal.model.Platform;
import dev.shoal.model.ResourceRequirements;
import dev.shoal.model.Resources;
import dev.shoal.model.ServiceAnnotations;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scheduler alone: one pass of {@link Scheduler#schedule} placing 100,000 pending tasks of five
 * services (one reserving memory, one constrained to a node label, one with a per-node replica limit)
 * on 10,000 ready nodes. The score is placements per second (one operation = one task placed).
 * Run: {@code mvn -q -B -Pjmh package -DskipTests && java -jar src-test-fixtures/target/benchmarks.jar SchedulerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 3)
public class SchedulerBenchmark {
    private static final int TASKS = 100_000;
    private static final long GB = 1L << 30;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Param("10000")
    public int nodes;

    private final Scheduler scheduler = new Scheduler();
    private ClusterView view;
    private List<Task> pending;

    @Setup
    public void setUp() {
        view = new ClusterView();
        for (int i = 0; i < nodes; i++) {
            String id = String.format("node-%05d", i);
            view.putNode(new Node(id, Version.NONE, T0, T0,
                    new NodeSpec(id, Map.of("zone", "z" + (i % 3)), NodeRole.WORKER, NodeAvailability.ACTIVE),
                    new NodeDescription(id, new Platform("x86_64", "linux"), new Resources(4_000_000_000L, 16 * GB),
                            new EngineDescription("27.0", Map.of())),
                    new NodeStatus(NodeState.READY, null, "10.0.0.1"), null));
        }
        List<TaskSpec> specs = List.of(
                spec(null, List.of(), null),
                spec(new Resources(0, 64L << 20), List.of(), null),
                spec(null, List.of("node.labels.zone!=z0"), null),
                spec(null, List.of(), 20L),
                spec(null, List.of("node.role==worker"), null));
        pending = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            int s = i % specs.size();
            pending.add(new Task(String.format("task-%07d", i), Version.NONE, T0, T0, specs.get(s), "service-" + s,
                    new ServiceAnnotations("service-" + s), i / specs.size() + 1, null,
                    TaskStatus.of(T0, TaskState.PENDING, "pending"), TaskState.RUNNING, null));
        }
    }

    private static TaskSpec spec(Resources reservations, List<String> constraints, Long maxReplicas) {
        return new TaskSpec(new ContainerSpec("busybox", null, null, null, null, null, null, null, null),
                reservations == null ? null : new ResourceRequirements(null, reservations), null,
                new Placement(constraints, maxReplicas), null);
    }

    /** One pass placing every pending task. */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public Plan schedule() {
        Plan p = scheduler.schedule(view, pending);
        if (p.assignments().size() != TASKS) throw new IllegalStateException("placed only " + p.assignments().size() + ": " + p.unplaced().values().iterator().next());
        return p;
    }
}
