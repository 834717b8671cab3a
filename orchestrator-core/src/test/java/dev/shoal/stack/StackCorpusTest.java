package dev.shoal.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance with Docker: every file of the shared stack corpus ({@code files/}), in both
 * environments ({@code noenv}, {@code testenv}), must load to what {@code docker stack config}
 * printed ({@code expected/}), compared as parsed YAML with {@code /WORKDIR} standing for the
 * file's directory, and must fail where Docker failed ({@code expected/STATUS.tsv}).
 *
 * <p>The corpus is third-party test data and is read in place, never copied into the repository:
 * from {@code $SHOAL_STACK_CORPUS}, else from the first {@code shared/stack-corpus} found walking up
 * from the working directory. Without it the test is skipped (an aborted assumption), not passed.
 * As Docker's run did, each file is copied alone as {@code stack.yml} into a scratch directory with
 * the env files the docker/cli full example needs.
 */
class StackCorpusTest {
    /**
     * The parent of the scratch directory Docker's expected output was produced in. The corpus
     * replaced the scratch directory itself by {@code /WORKDIR}, but a relative path that climbs out
     * of it ({@code file: ../prom/prometheus.yml}) kept its real parent; we map that parent to ours.
     */
    static final String DOCKER_SCRATCH_PARENT = "/tmp/stackcorpus/_work/run";
    static final Map<String, String> NOENV = Map.of("HOME", "/home/foo", "PATH", "/usr/bin:/bin");
    static final Map<String, String> TESTENV = testEnv();

    private static Map<String, String> testEnv() {
        Map<String, String> m = new LinkedHashMap<>(NOENV);
        m.put("DOMAIN", "example.com");
        m.put("EMAIL", "admin@example.com");
        m.put("USERNAME", "admin");
        m.put("HASHED_PASSWORD", "$apr1$abc$def");
        m.put("ADMIN_USER", "admin");
        m.put("QUX", "qux_from_environment");
        m.put("TAG", "1.0");
        m.put("REGISTRY", "registry.local:5000");
        return Map.copyOf(m);
    }

    /** The corpus directory, if it can be found. */
    static Optional<Path> corpus() {
        String fromEnv = System.getenv("SHOAL_STACK_CORPUS");
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path p = Path.of(fromEnv);
            return Files.isDirectory(p.resolve("files")) ? Optional.of(p) : Optional.empty();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared").resolve("stack-corpus");
            if (Files.isDirectory(p.resolve("files")) && Files.isDirectory(p.resolve("expected"))) return Optional.of(p);
        }
        return Optional.empty();
    }

    static final String NOT_FOUND = "stack corpus not found: set SHOAL_STACK_CORPUS or place shared/stack-corpus above the repository;"
            + " Docker-conformance test skipped";

    /** Reported as skipped, with the reason, when the corpus is absent (a test factory that aborts shows up as nothing at all). */
    @org.junit.jupiter.api.Test
    void corpusIsPresent() throws IOException {
        Optional<Path> corpus = corpus();
        Assumptions.assumeTrue(corpus.isPresent(), NOT_FOUND);
        try (Stream<Path> s = Files.list(corpus.get().resolve("files"))) {
            assertTrue(s.anyMatch(p -> p.toString().endsWith(".yml")), "the corpus has stack files");
        }
        assertTrue(Files.exists(corpus.get().resolve("expected/STATUS.tsv")), "the corpus has Docker's statuses");
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileMatchesDockersOutput() throws IOException {
        Optional<Path> corpus = corpus();
        Assumptions.assumeTrue(corpus.isPresent(), NOT_FOUND);
        Path root = corpus.get();
        Map<String, String> status = status(root.resolve("expected/STATUS.tsv"));
        List<Path> files;
        try (Stream<Path> s = Files.list(root.resolve("files"))) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() >= 10, "corpus has its files");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replaceAll("\\.yml$", "");
            for (String scenario : List.of("noenv", "testenv")) {
                tests.add(DynamicTest.dynamicTest(name + " [" + scenario + "]",
                        () -> check(root, f, name, scenario, status.get(name + "\t" + scenario))));
            }
        }
        return tests.stream();
    }

    private static Map<String, String> status(Path tsv) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            String[] c = line.split("\t", -1);
            if (c.length >= 3) m.put(c[0] + "\t" + c[1], c[2] + "\t" + (c.length > 3 ? c[3] : ""));
        }
        return m;
    }

    private static void check(Path root, Path file, String name, String scenario, String status) throws IOException {
        Path work = Files.createTempDirectory("shoal-stack-corpus");
        try {
            Path stack = work.resolve("stack.yml");
            Files.copy(file, stack);
            try (Stream<Path> refs = Files.list(root.resolve("reference/docker-cli"))) {
                for (Path r : (Iterable<Path>) refs.filter(p -> p.toString().endsWith(".env"))::iterator) {
                    Files.copy(r, work.resolve(r.getFileName()));
                }
            }
            Map<String, String> env = scenario.equals("noenv") ? NOENV : TESTENV;
            StackLoader loader = new StackLoader(env);
            boolean fails = status != null && !status.startsWith("0\t");
            if (fails) {
                StackFileException e = assertThrows(StackFileException.class, () -> loader.load(List.of(stack)));
                String dockerMessage = status.substring(status.indexOf('\t') + 1).strip();
                assertTrue(sameMeaning(e.reason(), dockerMessage), "docker said: " + dockerMessage + "\nwe said: " + e.getMessage());
                return;
            }
            LoadedStack loaded = loader.load(List.of(stack));
            String ours = StackYaml.write(loaded.config());
            Path expectedFile = root.resolve("expected/" + name + "." + scenario + ".stack-config.yml");
            String expectedText = Files.readString(expectedFile, StandardCharsets.UTF_8).replace("/WORKDIR", work.toAbsolutePath().toString())
                    .replace(DOCKER_SCRATCH_PARENT + "/", work.toAbsolutePath().getParent() + "/");
            Object expected = canonical(DockerYaml.parse(expectedText));
            Object actual = canonical(DockerYaml.parse(ours));
            assertEquals(expected, actual, () -> "output differs from docker's for " + name + " [" + scenario + "]:\n" + ours);
            Path stderr = root.resolve("expected/" + name + "." + scenario + ".stack-config.yml.stderr");
            if (Files.exists(stderr)) {
                List<String> dockerWarnings = new ArrayList<>();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("level=warning msg=\"(.*)\"")
                        .matcher(Files.readString(stderr, StandardCharsets.UTF_8));
                while (m.find()) dockerWarnings.add(m.group(1).replace("\\\"", "\""));
                assertEquals(dockerWarnings, loaded.warnings(), "warnings of " + name + " [" + scenario + "]");
            }
        } finally {
            try (Stream<Path> w = Files.walk(work)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Docker's "required variable X is missing a value" names an arbitrary one of several missing variables. */
    static boolean sameMeaning(String ours, String docker) {
        String first = docker.lines().findFirst().orElse("");
        if (first.contains("required variable")) return ours.matches("(?s).*required variable \\w+ is missing a value.*");
        return ours.contains(first);
    }

    /** A parsed YAML tree with every number as a stripped BigDecimal, so 1 and 1.0 compare equal as they mean the same. */
    static Object canonical(Object o) {
        if (o instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            ((Map<?, ?>) o).forEach((k, v) -> m.put(String.valueOf(k), canonical(v)));
            return m;
        }
        if (o instanceof List) {
            List<Object> l = new ArrayList<>();
            for (Object x : (List<?>) o) l.add(canonical(x));
            return l;
        }
        if (o instanceof Number) return new BigDecimal(o.toString()).stripTrailingZeros();
        return o;
    }
}
