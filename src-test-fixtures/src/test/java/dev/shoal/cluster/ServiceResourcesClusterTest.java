package dev.shoal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.executor.ContainerExtras;
import dev.shoal.manager.controlapi.TaskFilter;
import dev.shoal.model.ConfigReference;
import dev.shoal.model.ConfigSpec;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.FileTarget;
import dev.shoal.model.GenericResource;
import dev.shoal.model.NetworkAttachmentConfig;
import dev.shoal.model.NetworkSpec;
import dev.shoal.model.ResourceRequirements;
import dev.shoal.model.Resources;
import dev.shoal.model.SecretReference;
import dev.shoal.model.SecretSpec;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.testing.FakeEngine;
import dev.shoal.testing.InProcessCluster;
import dev.shoal.testing.Wait;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's networks, secrets and configs reach its node: the dispatcher sends them with the task, the
 * agent creates the network on its engine, joins the container to it under the service's name and its
 * aliases, writes the secret and config as files with their modes and mounts them read-only; removing
 * the service removes the files and the network.
 */
class ServiceResourcesClusterTest {
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

    @Test
    void eachTaskGetsItsOwnGpusAsDockerResourceVariables() {
        var info = FakeEngine.info("gpu-host", 4, 8L << 30);
        var gpuHost = cluster.addWorker("gpu-host", new dev.shoal.executor.EngineInfo(info.hostname(), info.os(), info.architecture(),
                info.nanoCpus(), info.memoryBytes(), info.engineVersion(), Map.of(),
                List.of(GenericResource.named("gpu", "GPU-0"), GenericResource.named("gpu", "GPU-1"))));
        ContainerSpec c = new ContainerSpec("shoal/busybox", null, null, List.of("sleep", "3600"), null, null, null, null, 1_000_000_000L);
        TaskSpec oneGpu = new TaskSpec(c, new ResourceRequirements(null, new Resources(0, 0, List.of(GenericResource.discrete("gpu", 1)))),
                null, null, null, List.of());
        cluster.api().createService(new ServiceSpec("train", null, oneGpu, ServiceMode.replicated(3), null));

        List<String> gpus = Wait.forValue("two train containers on the GPU host, one GPU each", () -> {
            List<String> env = cluster.allContainers().stream()
                    .filter(x -> x.state().running() && "train".equals(x.config().labels().get("dev.shoal.service.name")))
                    .flatMap(x -> x.config().env().stream()).filter(e -> e.startsWith("DOCKER_RESOURCE_GPU=")).sorted().toList();
            return env.size() == 2 ? env : null;
        });
        assertEquals(List.of("DOCKER_RESOURCE_GPU=GPU-0", "DOCKER_RESOURCE_GPU=GPU-1"), gpus);
        assertTrue(cluster.allContainers().stream().allMatch(x -> !"train".equals(x.config().labels().get("dev.shoal.service.name"))
                || gpuHost.nodeId().equals(x.nodeId())), "only the GPU host has GPUs");
        Wait.until("the third replica waits, explained", () -> cluster.api().listTasks(TaskFilter.fromArgs(Map.of("service", List.of("train"))))
                .stream().anyMatch(t -> t.state() == TaskState.PENDING && "no suitable node (insufficient resources on 2 nodes)".equals(t.status().err())));
    }

    @Test
    void networksSecretsAndConfigsReachTheContainer() throws Exception {
        var res = cluster.api().resources();
        res.createNetwork(new NetworkSpec("app_default", null, null, null, null));
        res.createSecret(new SecretSpec("db_pw", null, "pythonic".getBytes(StandardCharsets.UTF_8)));
        res.createConfig(new ConfigSpec("app_conf", null, "k=v\n".getBytes(StandardCharsets.UTF_8)));
        ContainerSpec c = new ContainerSpec("shoal/busybox", null, null, List.of("sleep", "3600"), null, null, null, null, 1_000_000_000L,
                null, null, null, null, null, null, null, null, null,
                List.of(new SecretReference(null, "db_pw", new FileTarget("db_pw", "0", "0", 0400))),
                List.of(new ConfigReference(null, "app_conf", new FileTarget("/etc/app.conf", null, null, 0444))));
        cluster.api().createService(new ServiceSpec("app_web", null,
                new TaskSpec(c, null, null, null, null, List.of(new NetworkAttachmentConfig("app_default", List.of("web")))),
                ServiceMode.replicated(1), null));

        FakeEngine.Container ctr = Wait.forValue("a running app_web container", () -> cluster.allContainers().stream()
                .filter(x -> x.state().running() && "app_web".equals(x.config().labels().get("dev.shoal.service.name")))
                .findFirst().orElse(null));
        ContainerExtras x = ctr.config().extras();
        assertEquals("app_default", x.networks().get(0).network().name());
        assertEquals(List.of("app_web", "web"), x.networks().get(0).aliases());
        assertTrue(cluster.managerEngine().networks().containsKey("app_default"), "the agent created the network");

        ContainerExtras.MountSpec secret = x.mounts().stream().filter(m -> m.target().equals("/run/secrets/db_pw")).findFirst().orElseThrow();
        assertTrue(secret.readOnly());
        assertEquals("bind", secret.type());
        Path secretFile = Path.of(secret.source());
        assertEquals("pythonic", Files.readString(secretFile));
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
        ContainerExtras.MountSpec config = x.mounts().stream().filter(m -> m.target().equals("/etc/app.conf")).findFirst().orElseThrow();
        assertEquals("k=v\n", Files.readString(Path.of(config.source())));

        cluster.api().removeService("app_web");
        Wait.until("the container, its files and its network are gone", () -> cluster.allContainers().stream()
                .noneMatch(y -> "app_web".equals(y.config().labels().get("dev.shoal.service.name")))
                && !Files.exists(secretFile) && !cluster.managerEngine().networks().containsKey("app_default"));
    }
}
