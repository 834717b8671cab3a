package dev.shoal.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.executor.docker.DockerEngine;
import dev.shoal.model.GenericResource;
import dev.shoal.testing.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Docker daemon started with {@code --node-generic-resource} (as a GPU host would be configured)
 * advertises those resources, and {@link DockerEngine#info()} reads them — the agent puts them in its
 * node's description, where the scheduler counts them. The daemon is private to this test (its own
 * network namespace, data root and socket, no bridge and no iptables rules, so it leaves the machine's
 * engine alone); it needs root, as every engine test does.
 */
class AdvertisedGenericResourcesTest {
    private static Path dir;
    private static Process dockerd;
    private static DockerEngine engine;

    @BeforeAll
    static void startDaemon() throws Exception {
        dir = Files.createTempDirectory("shoal-gres-");
        Path sock = dir.resolve("docker.sock");
        // Its own network namespace: a dockerd without a bridge deletes the host's docker0 at start-up, which
        // would cut every container of the machine's engine off the network.
        dockerd = new ProcessBuilder("unshare", "--net", "--", "dockerd", "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(), "-H", "unix://" + sock, "-p", dir.resolve("docker.pid").toString(),
                "--bridge", "none", "--iptables=false", "--ip6tables=false",
                "--node-generic-resource", "gpu=2", "--node-generic-resource", "fpga=FPGA-0a1b")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile()).start();
        engine = DockerEngine.connect("unix://" + sock);
        Wait.until("the private dockerd to answer (log: " + dir.resolve("dockerd.log") + ")", Duration.ofSeconds(60), () -> {
            assertTrue(dockerd.isAlive(), "dockerd exited: " + log());
            try {
                engine.info();
                return true;
            } catch (EngineException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (engine != null) engine.close();
        if (dockerd != null) {
            dockerd.destroy();
            if (!dockerd.waitFor(20, TimeUnit.SECONDS)) dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (dir != null) new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(60, TimeUnit.SECONDS);
    }

    @Test
    void theEngineAdvertisesItsGenericResources() throws Exception {
        List<GenericResource> advertised = engine.info().genericResources();
        assertEquals(Set.of(GenericResource.discrete("gpu", 2), GenericResource.named("fpga", "FPGA-0a1b")), Set.copyOf(advertised));
        assertEquals(2, GenericResource.amount(advertised, "gpu"));
        assertEquals(1, GenericResource.amount(advertised, "fpga"));
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("dockerd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
