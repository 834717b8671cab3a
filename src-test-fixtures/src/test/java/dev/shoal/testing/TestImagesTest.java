package dev.shoal.testing;

import dev.shoal.executor.ContainerConfig;
import dev.shoal.executor.Labels;
import dev.shoal.executor.ManagedContainer;
import dev.shoal.executor.docker.DockerEngine;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestImagesTest {

    @Test
    void dockerfileMatchesTheOneInTheRepository() throws Exception {
        Path file = Path.of("..", "docker", "images", "busybox", "Dockerfile");
        assertEquals(Files.readString(file), TestImages.BUSYBOX_DOCKERFILE);
    }

    @Test
    void busyboxHasTheAppletsTestsUse() throws Exception {
        assertEquals(TestImages.BUSYBOX, TestImages.busybox());
        assertEquals(TestImages.BUSYBOX, TestImages.busybox()); // cached
        String node = "images-test-" + UUID.randomUUID().toString().substring(0, 8);
        try (DockerEngine engine = DockerEngine.connect(null)) {
            engine.ensureImage(TestImages.ALPINE_ALIAS);
            String script = "for a in sh sleep httpd nc echo cat env ls wget true false; do"
                    + " command -v $a >/dev/null || exit 1; done; id nobody >/dev/null || exit 2; exit 0";
            String id = engine.create(new ContainerConfig("shoal-images-" + node, TestImages.BUSYBOX, null,
                    List.of("sh", "-c", script), null, Map.of(Labels.NODE_ID, node), null, null, null, 0, 0, 0));
            try {
                engine.start(id);
                assertEquals(0, Wait.on("applet check", engine.awaitExit(id)));
            } finally {
                for (ManagedContainer c : engine.list(node)) {
                    engine.remove(c.containerId());
                }
            }
        }
    }
}
