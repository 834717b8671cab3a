package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.stack.DockerYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code swarmctl stack config}: runs client-side, prints Docker's normalised YAML, warns on stderr, fails with file, key and reason. */
class StackConfigCommandTest {
    /** A daemon address nobody listens on: stack config must not need one. */
    private static final Map<String, String> ENV = Map.of("HOME", "/home/foo", "SHOAL_HOST", "tcp://127.0.0.1:9", "TAG", "1.0");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void printsTheNormalisedStackWithoutADaemon() throws IOException {
        Path f = write("docker-stack.yml", "version: \"3\"\nservices:\n  web:\n    image: \"friendlyhello:${TAG}\"\n"
                + "    command: python app.py --port 80\n    ports:\n      - \"4000:80\"\n    deploy:\n      replicas: 5\n"
                + "      restart_policy: {condition: on-failure}\n      resources: {limits: {cpus: \"0.1\", memory: 50M}}\n"
                + "    volumes: [./data:/data]\n");
        Run r = Run.of(ENV, "stack", "config", "-c", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        Map<String, Object> expected = map("version: \"3.13\"\nservices:\n  web:\n    image: friendlyhello:1.0\n"
                + "    command: [python, app.py, --port, \"80\"]\n"
                + "    ports:\n      - {mode: ingress, target: 80, published: 4000, protocol: tcp}\n"
                + "    deploy:\n      replicas: 5\n      restart_policy: {condition: on-failure}\n"
                + "      resources: {limits: {cpus: \"0.1\", memory: \"52428800\"}}\n"
                + "    volumes:\n      - {type: bind, source: " + dir.toAbsolutePath() + "/data, target: /data}\n");
        assertEquals(expected, map(r.out()));
    }

    @Test
    void mergesSeveralFilesInOrder() throws IOException {
        Path a = write("a.yml", "version: \"3.8\"\nservices:\n  web:\n    image: nginx\n    deploy: {replicas: 3}\n    environment: {A: \"1\"}\n");
        Path b = write("b.yml", "version: \"3.8\"\nservices:\n  web:\n    deploy: {replicas: 0}\n    environment: {B: \"2\"}\n  db:\n    image: postgres\n");
        Run r = Run.of(ENV, "stack", "config", "-c", a.toString(), "--compose-file", b.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, Object> expected = map("version: \"3.8\"\nservices:\n  db: {image: postgres}\n"
                + "  web: {image: nginx, deploy: {replicas: 0}, environment: {A: \"1\", B: \"2\"}}\n");
        assertEquals(expected, map(r.out()));
    }

    @Test
    void warningsGoToStderrAndTheResultToStdout() throws IOException {
        Path f = write("s.yml", "version: \"3.8\"\nservices:\n  web:\n    image: nginx\n    restart: always\n    build: .\n"
                + "    container_name: web\n    ports: [\"127.0.0.1:8080:80\"]\n");
        Run r = Run.of(ENV, "stack", "config", "-c", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("level=warning msg=\"ignoring IP-address (127.0.0.1:8080:80/tcp) service will listen on '0.0.0.0'\"\n"
                + "Ignoring unsupported options: build, restart\n\n"
                + "Ignoring deprecated options:\n\ncontainer_name: Setting the container name is not supported.\n\n", r.err());
        assertEquals(List.of(Map.of("mode", "ingress", "target", 80L, "published", 8080L, "protocol", "tcp")),
                ((Map<?, ?>) ((Map<?, ?>) map(r.out()).get("services")).get("web")).get("ports"));
    }

    @Test
    void aBadFileFailsWithFileKeyAndReasonAndPrintsNothing() throws IOException {
        Path f = write("bad.yml", "version: \"3.7\"\nservices:\n  a:\n    image: busybox\n    deploy:\n      placement: {max_replicas_per_node: 1}\n");
        Run r = Run.of(ENV, "stack", "config", "-c", f.toString());
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals(f + ": services.a.deploy.placement Additional property max_replicas_per_node is not allowed\n", r.err());
    }

    @Test
    void oneFailingFileAmongSeveralFailsTheWhole() throws IOException {
        Path a = write("a.yml", "version: \"3.8\"\nservices:\n  a: {image: busybox}\n");
        Path b = write("b.yml", "version: \"3.8\"\nservices:\n  a: {image: \"${MISSING:?set MISSING}\"}\n");
        Run r = Run.of(ENV, "stack", "config", "-c", a + "," + b);
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith(b + ": invalid interpolation format for services.a.image: "
                + "\"required variable MISSING is missing a value: set MISSING\""), r.err());
    }

    @Test
    void aMissingFileIsReported() {
        Path f = dir.resolve("nope.yml");
        Run r = Run.of(ENV, "stack", "config", "-c", f.toString());
        assertEquals(1, r.code());
        assertEquals(f + ": open " + f + ": no such file or directory\n", r.err());
    }

    @Test
    void skipInterpolationKeepsVariablesAsWritten() throws IOException {
        Path f = write("s.yml", "version: \"3.8\"\nservices:\n  web:\n    image: \"nginx:${TAG}\"\n");
        Run r = Run.of(ENV, "stack", "config", "--skip-interpolation", "-c", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("nginx:${TAG}", ((Map<?, ?>) ((Map<?, ?>) map(r.out()).get("services")).get("web")).get("image"));
    }

    @Test
    void composeFileIsRequired() {
        Run r = Run.of(ENV, "stack", "config");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--compose-file"), r.err());
    }

    @Test
    void stackWithoutAVerbPrintsUsage() {
        Run r = Run.of(ENV, "stack");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("config"), r.out());
    }

    @SuppressWarnings("unchecked")
    @Test
    void dashReadsTheFileFromStdinWithPathsRelativeToTheWorkingDirectory() throws IOException {
        String yaml = "services:\n  web:\n    image: nginx\n    volumes: [./data:/data]\n";
        Run r = Run.withInput(yaml, ENV, "stack", "config", "-c", "-");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> expected = map("version: \"3.13\"\nservices:\n  web:\n    image: nginx\n    volumes:\n"
                + "      - {type: bind, source: " + Path.of("").toAbsolutePath() + "/data, target: /data}\n");
        assertEquals(expected, map(r.out()));

        Path override = write("override.yml", "services:\n  web:\n    deploy: {replicas: 2}\n");
        Run merged = Run.withInput(yaml, ENV, "stack", "config", "-c", "-", "-c", override.toString());
        assertEquals(0, merged.code(), merged.err());
        assertEquals(Map.of("replicas", 2L), ((Map<?, ?>) ((Map<?, ?>) map(merged.out()).get("services")).get("web")).get("deploy"));
    }

    @Test
    void aBadFileOnStdinIsNamedStdin() {
        Run r = Run.withInput("services: [", ENV, "stack", "config", "-c", "-");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("stdin: "), r.err());
        Run empty = Run.withInput("", ENV, "stack", "config", "-c", "-");
        assertEquals(1, empty.code());
        assertEquals("stdin: top-level object must be a mapping\n", empty.err());
    }

    private static Map<String, Object> map(String yaml) {
        return (Map<String, Object>) DockerYaml.parse(yaml);
    }
}
