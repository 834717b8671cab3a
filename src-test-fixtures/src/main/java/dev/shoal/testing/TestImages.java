package dev.shoal.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.shoal.executor.docker.DockerClients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the images tests run, offline: nothing can be pulled on these machines.
 *
 * <p>{@link #busybox()} builds {@value #BUSYBOX} from a {@code FROM scratch} Dockerfile (the same as
 * {@code docker/images/busybox/Dockerfile}) around the host's static {@code /bin/busybox}, with every
 * applet linked into {@code /bin} ({@code sh, sleep, httpd, nc, wget, echo, cat, env, ls, true, false, …}),
 * and tags it {@value #ALPINE_ALIAS} when that tag is free (Testcontainers' start-up check runs it).
 *
 * <p>Thread-safe. Each engine is checked once per JVM: a per-host set of "ready" engines is the only
 * static state, and building is serialised on a lock so concurrent callers build at most once. An existing
 * image is never rebuilt. Failures (no engine, no busybox binary) throw {@link IllegalStateException} and
 * are retried on the next call.
 */
public final class TestImages {
    /** The busybox test image. */
    public static final String BUSYBOX = "shoal/busybox:latest";
    /** The alias Testcontainers wants for its start-up checks. */
    public static final String ALPINE_ALIAS = "alpine:3.17";
    /** Where the static busybox comes from ({@code SHOAL_BUSYBOX_BIN} overrides). */
    public static final String BUSYBOX_BIN = "/bin/busybox";

    /** Identical to {@code docker/images/busybox/Dockerfile} (a test checks). */
    public static final String BUSYBOX_DOCKERFILE = String.join("\n",
            "# shoal/busybox:latest — a tiny image built offline from the host's static busybox",
            "# (Debian's busybox-static). Build context: this Dockerfile plus a copy of /bin/busybox",
            "# (docker/images/build-busybox.sh does that). Kept identical to TestImages.BUSYBOX_DOCKERFILE.",
            "FROM scratch",
            "COPY busybox /bin/busybox",
            "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]",
            "RUN mkdir -p /tmp /etc /root /var/www && chmod 1777 /tmp \\",
            " && echo 'root:x:0:0:root:/root:/bin/sh' > /etc/passwd \\",
            " && echo 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >> /etc/passwd \\",
            " && printf 'root:x:0:\\nnogroup:x:65534:\\n' > /etc/group",
            "LABEL dev.shoal.test-image=\"busybox\"",
            "CMD [\"sh\"]",
            "");

    /** Engines (by resolved host) known to have the images; the per-JVM cache guard. */
    private static final Set<String> READY = ConcurrentHashMap.newKeySet();
    private static final Object BUILD_LOCK = new Object();

    private TestImages() {}

    /** Makes sure {@value #BUSYBOX} exists on the default engine ({@code DOCKER_HOST} or the local socket). */
    public static String busybox() {
        return busybox(null);
    }

    /** Makes sure {@value #BUSYBOX} exists on the engine at {@code dockerHost}; returns the image name. */
    public static String busybox(String dockerHost) {
        String host = DockerClients.resolveHost(dockerHost);
        if (READY.contains(host)) {
            return BUSYBOX;
        }
        synchronized (BUILD_LOCK) {
            if (!READY.contains(host)) {
                try (DockerClient client = DockerClients.create(host)) {
                    if (!exists(client, BUSYBOX)) {
                        build(client);
                    }
                    if (!exists(client, ALPINE_ALIAS)) {
                        client.tagImageCmd(BUSYBOX, "alpine", "3.17").exec();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("cannot provide " + BUSYBOX + " on " + host + ": " + e.getMessage(), e);
                }
                READY.add(host);
            }
        }
        return BUSYBOX;
    }

    private static boolean exists(DockerClient client, String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static void build(DockerClient client) throws IOException {
        String binEnv = System.getenv("SHOAL_BUSYBOX_BIN");
        Path busybox = Paths.get(binEnv != null && !binEnv.isBlank() ? binEnv : BUSYBOX_BIN);
        if (!Files.isExecutable(busybox)) {
            throw new IllegalStateException(busybox + " is missing: install Debian's busybox-static"
                    + " (docker/ci/ensure-engine.sh does)");
        }
        Path context = Files.createTempDirectory("shoal-busybox");
        try {
            Files.writeString(context.resolve("Dockerfile"), BUSYBOX_DOCKERFILE);
            Files.copy(busybox, context.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
            client.buildImageCmd()
                    .withBaseDirectory(context.toFile())
                    .withDockerfile(context.resolve("Dockerfile").toFile())
                    .withTags(Set.of(BUSYBOX))
                    .withPull(false)
                    .withNetworkMode("none")
                    .withRemove(true)
                    .exec(new BuildImageResultCallback())
                    .awaitImageId(5, TimeUnit.MINUTES);
        } finally {
            deleteTree(context);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
