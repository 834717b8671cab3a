package dev.shoal.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own small stack files ({@code src/test/resources/dev/shoal/stack/cases}), each with the
 * output the docker CLI 28.2.2 gave for it ({@code NAME.expected.yml}, or the error or warnings in
 * {@code NAME.expected.err}); {@code NAME.override.yml}, when present, is a second {@code -c} file.
 * They cover the YAML pitfalls, interpolation and casting, version gating, the schema's error
 * messages, normalisation and merging. Docker's run used the environment {@link #ENV}, with the
 * case files copied into a scratch {@code work/} directory ({@code /WORKDIR}; its parent is
 * {@code /WORKPARENT}).
 */
class StackCasesTest {
    static final Map<String, String> ENV = Map.of("HOME", "/home/foo", "PATH", "/usr/bin:/bin", "N", "5", "EMPTY", "",
            "TRUE_WORD", "on", "FROM_ENV", "from_env", "BARE_FROM_ENV", "bare", "QUX", "qux_env");

    /** Where we deliberately word an error differently from {@code docker stack config}: case → text we print instead. */
    static final Map<String, String> OUR_WORDING = Map.of(
            // docker names its Go field ('Deploy.Replicas'); we name the key path.
            "negative_replicas", "cannot parse 'services.a.deploy.replicas', -1 overflows uint",
            // stack config only says "Configuration contains forbidden properties"; we give stack deploy's list.
            "forbidden", "compose file contains unsupported options:\n\nextends: Support for `extends` is not implemented yet.\n\n"
                    + "volume_driver: Instead of setting the volume driver on the service, define a volume using the top-level "
                    + "`volumes` option and specify the driver there.\n");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyCaseLoadsAsDockerLoadsIt() throws IOException, URISyntaxException {
        Path dir = Path.of(StackCasesTest.class.getResource("cases").toURI());
        List<Path> cases;
        try (Stream<Path> s = Files.list(dir)) {
            cases = s.filter(p -> p.toString().endsWith(".yml") && !p.toString().endsWith(".override.yml")
                    && !p.toString().endsWith(".expected.yml")).sorted().collect(Collectors.toList());
        }
        assertTrue(cases.size() >= 40, "the cases are on the classpath");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(dir, c)));
    }

    private void check(Path dir, Path caseFile) throws IOException {
        String name = caseFile.getFileName().toString().replaceAll("\\.yml$", "");
        Path work = Files.createDirectories(tmp.resolve(name).resolve("work"));
        Files.copy(dir.resolve("app.env"), work.resolve("app.env"));
        List<Path> files = new ArrayList<>();
        files.add(Files.copy(caseFile, work.resolve(name + ".yml")));
        if (Files.exists(dir.resolve(name + ".override.yml"))) {
            files.add(Files.copy(dir.resolve(name + ".override.yml"), work.resolve(name + ".override.yml")));
        }
        Path expectedYml = dir.resolve(name + ".expected.yml");
        Path expectedErr = dir.resolve(name + ".expected.err");
        String err = Files.exists(expectedErr) ? Files.readString(expectedErr, StandardCharsets.UTF_8) : "";
        StackLoader loader = new StackLoader(ENV);
        if (!Files.exists(expectedYml)) {
            StackFileException e = assertThrows(StackFileException.class, () -> loader.load(files));
            String want = OUR_WORDING.getOrDefault(name, err.strip());
            assertTrue(e.reason().contains(want.strip()), "docker: " + want + "\nours:   " + e.reason());
            assertTrue(e.getMessage().startsWith(files.get(0).toString()) || e.getMessage().startsWith(files.get(files.size() - 1).toString()),
                    "the message names the file: " + e.getMessage());
            return;
        }
        LoadedStack loaded = loader.load(files);
        String ours = StackYaml.write(loaded.config());
        String expectedText = Files.readString(expectedYml, StandardCharsets.UTF_8)
                .replace("/WORKDIR", work.toAbsolutePath().toString())
                .replace("/WORKPARENT", work.toAbsolutePath().getParent().toString());
        assertEquals(StackCorpusTest.canonical(DockerYaml.parse(expectedText)), StackCorpusTest.canonical(DockerYaml.parse(ours)),
                () -> "ours:\n" + ours);
        List<String> warnings = new ArrayList<>();
        Matcher m = Pattern.compile("level=warning msg=\"(.*)\"").matcher(err);
        while (m.find()) warnings.add(m.group(1).replace("\\\"", "\""));
        assertEquals(warnings, loaded.warnings());
    }
}
