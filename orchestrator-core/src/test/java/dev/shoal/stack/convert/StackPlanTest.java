package dev.shoal.stack.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.ServiceSpec;
import dev.shoal.stack.StackLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StackConverter}: what a stack file asks of the swarm, named and labelled as docker stack deploy does. */
class StackPlanTest {
    @TempDir
    Path dir;

    private StackPlan plan(String yaml) throws IOException {
        Path f = Files.writeString(dir.resolve("docker-stack.yml"), yaml, StandardCharsets.UTF_8);
        return StackConverter.convert("app", new StackLoader(Map.of()).load(List.of(f)).config());
    }

    private static ServiceSpec service(StackPlan p, String name) {
        return p.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theTutorialsFriendlyhelloStack() throws IOException {
        StackPlan p = plan("version: \"3\"\nservices:\n  myapp:\n    image: friendlyhello\n    ports:\n      - 5000:5000\n"
                + "    environment:\n      NAME: World\n  redis:\n    image: redis\n");
        assertEquals(List.of("app_default"), p.networks().stream().map(n -> n.name()).toList());
        assertEquals("app", p.networks().get(0).labels().get("com.docker.stack.namespace"));
        assertEquals("overlay", p.networks().get(0).driverName());
        ServiceSpec redis = service(p, "app_redis");
        assertEquals("app_default", redis.taskTemplate().networks().get(0).target());
        assertEquals(List.of("redis"), redis.taskTemplate().networks().get(0).aliases(), "the web app finds it as redis");
        assertEquals(5000, service(p, "app_myapp").endpointSpec().ports().get(0).publishedPort());
    }

    @Test
    void volumesSecretsConfigsAndUpdateConfig() throws IOException {
        Files.writeString(dir.resolve("pw.txt"), "pythonic");
        StackPlan p = plan("version: \"3.8\"\nservices:\n  db:\n    image: postgres\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n"
                + "      - /srv:/srv:ro\n    secrets:\n      - source: pw\n        target: db_pw\n        mode: 0400\n"
                + "    networks:\n      back:\n        aliases: [database]\n"
                + "    deploy:\n      update_config:\n        parallelism: 2\n        delay: 10s\n        order: start-first\n"
                + "        failure_action: rollback\n        monitor: 30s\n"
                + "      rollback_config:\n        parallelism: 0\n        failure_action: continue\n"
                + "volumes:\n  pgdata:\nnetworks:\n  back:\n    internal: true\nsecrets:\n  pw:\n    file: ./pw.txt\n");
        ServiceSpec db = service(p, "app_db");
        var mounts = db.taskTemplate().containerSpec().mounts();
        assertEquals("app_pgdata", mounts.get(0).source());
        assertEquals("bind", mounts.get(1).type());
        assertTrue(mounts.get(1).isReadOnly());
        var secret = db.taskTemplate().containerSpec().secrets().get(0);
        assertEquals("app_pw", secret.secretName());
        assertEquals("db_pw", secret.file().name());
        assertEquals(0400, secret.file().mode());
        assertEquals("pythonic", new String(p.secrets().get(0).data(), StandardCharsets.UTF_8));
        assertEquals(List.of("db", "database"), db.taskTemplate().networks().get(0).aliases());
        assertTrue(p.networks().get(0).internal());
        assertEquals(2L, db.updateConfig().parallelism());
        assertEquals(10_000_000_000L, db.updateConfig().delay());
        assertEquals("start-first", db.updateConfig().order());
        assertEquals("rollback", db.updateConfig().failureAction());
        assertEquals(30_000_000_000L, db.updateConfig().monitor());
        assertEquals(0L, db.rollbackConfig().parallelism());
        assertEquals("continue", db.rollbackConfig().failureAction());
    }

    @Test
    void undefinedReferencesAreRefused() throws IOException {
        StackConvertException e = assertThrows(StackConvertException.class, () -> plan(
                "version: \"3.8\"\nservices:\n  web:\n    image: x\n    secrets: [nope]\n"));
        assertTrue(e.getMessage().contains("undefined secret \"nope\""), e.getMessage());
    }
}
