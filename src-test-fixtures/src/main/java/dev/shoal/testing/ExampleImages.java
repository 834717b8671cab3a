package dev.shoal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The images the tutorial's stacks name (friendlyhello, redis, postgres, adminer), built offline by
 * {@code docker/build-example-images.sh}. Under {@code docker/ci/test.sh} the build runs in the
 * background and this waits for its exit code ({@code SHOAL_EXAMPLE_IMAGES_RC}); elsewhere it runs the
 * script itself (a second when the images are cached). A failed build fails the caller with the end
 * of the build's log. Stateless.
 */
public final class ExampleImages {
    /** How long a from-scratch build may take on a slow, busy machine. */
    public static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);

    private ExampleImages() {}

    /** Returns once the four images exist; throws AssertionError saying why they do not. */
    public static void ensure() {
        String rcFile = System.getenv("SHOAL_EXAMPLE_IMAGES_RC");
        if (rcFile != null && !rcFile.isEmpty()) {
            Path rc = Path.of(rcFile);
            Wait.until("the example images' background build (log: " + System.getenv("SHOAL_EXAMPLE_IMAGES_LOG") + ")", BUILD_TIMEOUT,
                    () -> Files.exists(rc));
            String code = read(rc).trim();
            if (!code.equals("0")) {
                throw new AssertionError("docker/build-example-images.sh failed (exit " + code + "):\n"
                        + tail(Path.of(System.getenv("SHOAL_EXAMPLE_IMAGES_LOG")), 40));
            }
            return;
        }
        Path root = ShoaldProcess.repoRoot();
        try {
            Path log = Files.createTempFile("example-images", ".log");
            Process p = new ProcessBuilder(List.of("bash", root.resolve("docker/build-example-images.sh").toString()))
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(BUILD_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("docker/build-example-images.sh did not finish within " + BUILD_TIMEOUT.toMinutes() + " min");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("docker/build-example-images.sh failed (exit " + p.exitValue() + "):\n" + tail(log, 40));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while building the example images", e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log, int lines) {
        List<String> all = read(log).lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
