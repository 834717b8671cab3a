package dev.shoal.stack.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shoal.model.PortConfig;
import dev.shoal.model.RestartCondition;
import dev.shoal.model.RestartPolicy;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.stack.StackLoader;
import dev.shoal.stack.model.StackConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ServiceConverter}: docker/cli's conversion rules (convert/service_test.go and the converter code). */
class StackConvertTest {
    @TempDir
    Path dir;

    private StackConfig load(String yaml) throws IOException {
        Path f = Files.writeString(dir.resolve("docker-stack.yml"), yaml, StandardCharsets.UTF_8);
        return new StackLoader(Map.of("HOME", "/home/foo")).load(List.of(f)).config();
    }

    private ServiceSpec one(String serviceYaml) throws IOException {
        return ServiceConverter.services("myapp", load("version: \"3.8\"\nservices:\n  web:\n" + serviceYaml)).get("web");
    }

    @Test
    void theTutorialServiceBecomesAScopedLabelledSpec() throws IOException {
        ServiceSpec s = one("    image: username/repo:tag\n    command: python app.py\n    entrypoint: [/bin/sh, -c]\n"
                + "    environment: {B: \"2\", A: \"1\", C: null}\n    labels: {tier: web}\n    working_dir: /app\n    user: app\n"
                + "    hostname: h\n    stop_grace_period: 30s\n"
                + "    deploy:\n      replicas: 5\n      labels: {team: a}\n"
                + "      resources: {limits: {cpus: \"0.1\", memory: 50M}, reservations: {cpus: \"0.002\", generic_resources: [{discrete_resource_spec: {kind: gpu, value: 2}}]}}\n"
                + "      restart_policy: {condition: on-failure, delay: 10s, max_attempts: 3, window: 2m}\n"
                + "      placement: {constraints: [node.role == manager], preferences: [{spread: node.labels.az}], max_replicas_per_node: 2}\n"
                + "    ports: [\"4000:80\", \"53:53/udp\"]\n");
        assertEquals("myapp_web", s.name());
        assertEquals(Map.of("team", "a", "com.docker.stack.namespace", "myapp", "com.docker.stack.image", "username/repo:tag"), s.labels());
        var c = s.taskTemplate().containerSpec();
        assertEquals("username/repo:tag", c.image());
        assertEquals(List.of("/bin/sh", "-c"), c.command());
        assertEquals(List.of("python", "app.py"), c.args());
        assertEquals(List.of("A=1", "B=2", "C"), c.env());
        assertEquals(Map.of("tier", "web", "com.docker.stack.namespace", "myapp"), c.labels());
        assertEquals("/app", c.dir());
        assertEquals("app", c.user());
        assertEquals("h", c.hostname());
        assertEquals(30_000_000_000L, c.stopGracePeriod());
        assertEquals(ServiceMode.replicated(5), s.mode());
        var res = s.taskTemplate().resources();
        assertEquals(100_000_000L, res.limits().nanoCpus());
        assertEquals(52_428_800L, res.limits().memoryBytes());
        assertEquals(2_000_000L, res.reservations().nanoCpus());
        assertEquals(2L, res.reservations().genericResources().get(0).discreteResourceSpec().value());
        assertEquals(new RestartPolicy(RestartCondition.ON_FAILURE, 10_000_000_000L, 3L, 120_000_000_000L), s.taskTemplate().restartPolicy());
        var p = s.taskTemplate().placement();
        assertEquals(List.of("node.role == manager"), p.constraints());
        assertEquals("node.labels.az", p.preferences().get(0).spread().spreadDescriptor());
        assertEquals(2L, p.maxReplicas());
        assertEquals("vip", s.endpointSpec().mode());
        assertEquals(List.of(new PortConfig(null, "udp", 53, 53, "ingress"), new PortConfig(null, "tcp", 80, 4000, "ingress")),
                s.endpointSpec().ports(), "sorted by published port");
    }

    @Test
    void deployModes() throws IOException {
        assertEquals(ServiceMode.replicated(1), one("    image: x\n").mode());
        assertEquals(ServiceMode.newGlobal(), one("    image: x\n    deploy: {mode: global}\n").mode());
        assertEquals(ServiceMode.newReplicatedJob(3L, 3L), one("    image: x\n    deploy: {mode: replicated-job, replicas: 3}\n").mode());
        assertEquals(ServiceMode.newGlobalJob(), one("    image: x\n    deploy: {mode: global-job}\n").mode());
        StackConvertException e = assertThrows(StackConvertException.class, () -> one("    image: x\n    deploy: {mode: global, replicas: 2}\n"));
        assertEquals("service web: replicas can only be used with replicated or replicated-job mode", e.getMessage());
        e = assertThrows(StackConvertException.class, () -> one("    image: x\n    deploy: {mode: bogus}\n"));
        assertEquals("service web: unknown mode: bogus", e.getMessage());
        assertEquals("web", e.service());
    }

    @Test
    void legacyRestartKey() throws IOException {
        assertNull(ServiceConverter.restartPolicy("no", null));
        assertNull(ServiceConverter.restartPolicy("", null));
        assertEquals(new RestartPolicy(RestartCondition.ANY, null, null, null), ServiceConverter.restartPolicy("always", null));
        assertEquals(new RestartPolicy(RestartCondition.ANY, null, null, null), ServiceConverter.restartPolicy("unless-stopped", null));
        assertEquals(new RestartPolicy(RestartCondition.ON_FAILURE, null, 4L, null), ServiceConverter.restartPolicy("on-failure:4", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServiceConverter.restartPolicy("unknown", null));
        assertEquals("invalid restart policy: unknown policy 'unknown' (must be one of 'no', 'always', 'on-failure', or 'unless-stopped')", e.getMessage());
        assertEquals(RestartCondition.ANY, one("    image: x\n    restart: always\n").taskTemplate().restartPolicy().condition());
    }

    @Test
    void cpusAreParsedExactly() {
        assertEquals(3_000_000L, ServiceConverter.cpus("0.003"));
        assertEquals(1_500_000_000L, ServiceConverter.cpus("1.5"));
        assertEquals(250_000_000L, ServiceConverter.cpus(".25"));
        assertEquals("value is too precise", assertThrows(IllegalArgumentException.class, () -> ServiceConverter.cpus("0.0000000001")).getMessage());
    }

    @Test
    void endpointModeIsLowerCasedAndAMissingImageIsRefused() throws IOException {
        assertEquals("dnsrr", one("    image: x\n    deploy: {endpoint_mode: DNSRR}\n").endpointSpec().mode());
        StackConvertException e = assertThrows(StackConvertException.class, () -> one("    build: .\n"));
        assertEquals("invalid image reference for service web: no image specified", e.getMessage());
    }
}
