package dev.shoal.raft;

import dev.shoal.model.ContainerSpec;
import dev.shoal.model.Ids;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceAnnotations;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Small model objects for the Raft tests, built with the records' constructors. */
final class Fixtures {
    private final Ids ids = new Ids();

    static Instant now() { return Instant.now().truncatedTo(ChronoUnit.MILLIS); }

    Service service(String name, long replicas) {
        TaskSpec template = new TaskSpec(
                new ContainerSpec("nginx:alpine", null, null, null, null, null, null, null, null), null, null, null, null);
        ServiceSpec spec = new ServiceSpec(name, Map.of(), template, ServiceMode.replicated(replicas), null);
        Instant t = now();
        return new Service(ids.next(), Version.NONE, t, t, spec, null);
    }

    Task task(Service service, int slot) {
        Instant t = now();
        return new Task(ids.next(), Version.NONE, t, t, service.spec().taskTemplate(), service.id(),
                new ServiceAnnotations(service.spec().name()), slot, null, TaskStatus.of(t, TaskState.NEW, "created"),
                TaskState.RUNNING, null);
    }
}
