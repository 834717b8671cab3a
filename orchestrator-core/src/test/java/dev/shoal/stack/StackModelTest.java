package dev.shoal.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.stack.model.DeployConfig;
import dev.shoal.stack.model.ServiceConfig;
import dev.shoal.stack.model.StackConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loaded model is typed for the deploy step, immutable, and errors carry file, key path and reason. */
class StackModelTest {
    @TempDir
    Path dir;

    private LoadedStack load(String yaml) throws IOException {
        Path f = Files.writeString(dir.resolve("docker-stack.yml"), yaml, StandardCharsets.UTF_8);
        return new StackLoader(Map.of("HOME", "/home/foo")).load(List.of(f));
    }

    @Test
    void theTutorialStackLoadsIntoTypedRecords() throws IOException {
        StackConfig cfg = load("version: \"3\"\nservices:\n  web:\n    image: username/repo:tag\n    deploy:\n      replicas: 5\n"
                + "      resources:\n        limits:\n          cpus: \"0.1\"\n          memory: 50M\n"
                + "      restart_policy:\n        condition: on-failure\n    ports:\n      - \"4000:80\"\n    networks:\n      - webnet\n"
                + "networks:\n  webnet:\n").config();
        assertEquals("3.13", cfg.version());
        ServiceConfig web = cfg.services().get("web");
        DeployConfig d = web.deploy();
        assertEquals(5L, d.replicas());
        assertEquals("0.1", d.resources().limits().cpus());
        assertEquals(52_428_800L, d.resources().limits().memory().bytes());
        assertEquals("on-failure", d.restartPolicy().condition());
        assertNull(d.restartPolicy().delay(), "Swarm's default applies at deploy");
        assertEquals(1, web.ports().size());
        assertEquals(80L, web.ports().get(0).target());
        assertEquals(4000L, web.ports().get(0).published());
        assertEquals("ingress", web.ports().get(0).mode());
        assertTrue(web.networks().containsKey("webnet"));
        assertNull(web.networks().get("webnet"));
        assertTrue(cfg.networks().containsKey("webnet"));
    }

    @Test
    void durationsAndUlimitsAreTyped() throws IOException {
        ServiceConfig a = load("version: \"3.8\"\nservices:\n  a:\n    image: x\n    stop_grace_period: 1m30s\n"
                + "    healthcheck: {test: true-cmd, interval: 500ms}\n    ulimits: {nproc: 10, nofile: {soft: 1, hard: 2}}\n")
                .config().services().get("a");
        assertEquals(Duration.ofSeconds(90), a.stopGracePeriod().toDuration());
        assertEquals(Duration.ofMillis(500), a.healthcheck().interval().toDuration());
        assertEquals(List.of("CMD-SHELL", "true-cmd"), a.healthcheck().test());
        assertEquals(10L, a.ulimits().get("nproc").single());
        assertEquals(2L, a.ulimits().get("nofile").hard());
    }

    @Test
    void theModelIsImmutable() throws IOException {
        ServiceConfig a = load("version: \"3.8\"\nservices:\n  a:\n    image: x\n    environment: {A: \"1\"}\n    cap_add: [NET_ADMIN]\n")
                .config().services().get("a");
        assertThrows(UnsupportedOperationException.class, () -> a.environment().put("B", "2"));
        assertThrows(UnsupportedOperationException.class, () -> a.capAdd().add("X"));
    }

    @Test
    void extensionsAreKept() throws IOException {
        StackConfig cfg = load("version: \"3.8\"\nservices:\n  a:\n    image: x\n    x-team: blue\nx-owner: ops\n").config();
        assertEquals(Map.of("x-team", "blue"), cfg.services().get("a").extras());
        assertEquals(Map.of("x-owner", "ops"), cfg.extras());
    }

    @Test
    void errorsCarryFileKeyPathAndReason() throws IOException {
        Path f = dir.resolve("docker-stack.yml");
        StackFileException e = assertThrows(StackFileException.class,
                () -> load("version: \"3.8\"\nservices:\n  a:\n    image: x\n    deploy:\n      replicas: many\n"));
        assertEquals(f.toString(), e.file());
        assertEquals("services.a.deploy.replicas", e.keyPath());
        assertEquals("services.a.deploy.replicas must be a integer", e.reason());
        assertEquals(f + ": services.a.deploy.replicas must be a integer", e.getMessage());

        e = assertThrows(StackFileException.class, () -> load("version: \"3.8\"\nservices:\n  a:\n    image: x\n    cpu_shares: 5\n"));
        assertEquals("services.a.cpu_shares", e.keyPath());
        assertTrue(e.reason().startsWith("compose file contains unsupported options:\n\ncpu_shares: Set resource limits"), e.reason());
    }

    @Test
    void unsupportedAndDeprecatedKeysAreReportedAsDockerDoes() throws IOException {
        LoadedStack s = load("version: \"3.8\"\nservices:\n  a:\n    image: x\n    privileged: true\n    restart: always\n"
                + "    expose: [\"80\"]\n  b:\n    image: y\n    build: .\n");
        assertEquals(List.of("build", "privileged", "restart"), s.unsupported());
        assertEquals(List.of("expose"), List.copyOf(s.deprecated().keySet()));
        assertEquals("Ignoring unsupported options: build, privileged, restart\n\nIgnoring deprecated options:\n\n"
                + "expose: Exposing ports is unnecessary - services on the same network can access each other's containers on any port.\n\n",
                s.propertyWarnings());
    }
}
