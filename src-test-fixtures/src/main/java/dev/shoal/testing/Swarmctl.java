package dev.shoal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code bin/swarmctl} launcher as a child process and captures its exit code, stdout and
 * stderr. Every call passes {@code -H <host>} unless the runner was made without a host (then the child's
 * environment decides: {@code SHOAL_HOST}, else the default address). Thread-safe; each call is its own process.
 */
public final class Swarmctl {
    /** How long one command may run before it is killed and reported as a failure. */
    public static final long TIMEOUT_SECONDS = 60;

    private final Path repoRoot;
    private final String host;
    private final Map<String, String> env;
    private final List<String> launcher;

    /** A runner for the daemon at {@code host} ({@code tcp://IP:PORT}); {@code null} passes no {@code -H}. */
    public Swarmctl(Path repoRoot, String host) {
        this(repoRoot, host, Map.of());
    }

    /** As {@link #Swarmctl(Path, String)}, with extra environment variables for the child. */
    public Swarmctl(Path repoRoot, String host, Map<String, String> env) {
        this(repoRoot, host, env, List.of());
    }

    /**
     * As {@link #Swarmctl(Path, String, Map)}, with every command run through {@code launcher}, e.g.
     * {@code nsenter --net=/var/run/netns/shoal-h2 --} to reach a daemon only from inside its host's network namespace.
     */
    public Swarmctl(Path repoRoot, String host, Map<String, String> env, List<String> launcher) {
        this.repoRoot = repoRoot;
        this.host = host;
        this.env = Map.copyOf(env);
        this.launcher = List.copyOf(launcher);
    }

    /** What one run printed and returned. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The non-blank lines of stdout. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            for (String l : stdout.split("\\R")) {
                if (!l.isBlank()) {
                    out.add(l);
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exitCode
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /** Runs {@code swarmctl args…}. */
    public Result run(String... args) {
        return run(Arrays.asList(args));
    }

    /** Runs {@code swarmctl args…}. */
    public Result run(List<String> args) {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(repoRoot.resolve("bin/swarmctl").toString());
        if (host != null) {
            cmd.add("-H");
            cmd.add(host);
        }
        cmd.addAll(args);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("swarmctl", ".out");
            err = Files.createTempFile("swarmctl", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(repoRoot.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", cmd) + " did not finish within " + TIMEOUT_SECONDS + "s");
            }
            return new Result(List.copyOf(cmd), p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + cmd, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /**
     * Runs independent commands concurrently (each {@code swarmctl} is a JVM start, so this saves most of the
     * wall time of a list of checks) and returns their results in the order given.
     */
    public List<Result> runAll(List<List<String>> commands) {
        List<java.util.concurrent.CompletableFuture<Result>> futures = new ArrayList<>();
        for (List<String> args : commands) {
            futures.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> run(args), POOL));
        }
        List<Result> results = new ArrayList<>();
        for (java.util.concurrent.CompletableFuture<Result> f : futures) {
            results.add(Wait.on("swarmctl", java.time.Duration.ofSeconds(TIMEOUT_SECONDS * 2), f));
        }
        return results;
    }

    private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "swarmctl-runner");
        t.setDaemon(true);
        return t;
    });

    /** Runs the command and fails (with everything it printed) unless it exits 0; returns its stdout. */
    public String ok(String... args) {
        Result r = run(args);
        if (!r.ok()) {
            throw new AssertionError("expected success: " + r);
        }
        return r.stdout();
    }

    /** Runs the command and fails (with everything it printed) unless it exits non-zero. */
    public Result fails(String... args) {
        Result r = run(args);
        if (r.ok()) {
            throw new AssertionError("expected a non-zero exit: " + r);
        }
        return r;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file; nothing to do
            }
        }
    }
}
