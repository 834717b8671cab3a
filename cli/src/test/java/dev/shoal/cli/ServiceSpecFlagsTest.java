package dev.shoal.cli;

import static dev.shoal.cli.CommandsTest.SELF;
import static dev.shoal.cli.CommandsTest.WEB;
import static dev.shoal.cli.CommandsTest.WEB_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The flags of {@code service create} and {@code service update} that build a spec, {@code service rollback},
 * {@code --detach=false} and the pretty update status, against a fake daemon with canned Docker-shaped JSON
 * (the service of {@link CommandsTest}).
 */
class ServiceSpecFlagsTest {
    private static final ObjectMapper JSON = Json.newMapper();

    private FakeDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = new FakeDaemon().on("GET", "/services/web", 200, WEB);
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private Run run(String... args) {
        return Run.against(daemon, args);
    }

    @Test
    void rollbackAsksForThePreviousSpecAtTheVersionRead() {
        daemon.on("POST", "/services/" + WEB_ID + "/update", 200, "{\"Warnings\":[]}");
        Run r = run("service", "rollback", "web");
        assertEquals(0, r.code(), r.err());
        assertEquals("web\n", r.out());
        assertEquals("version=12&rollback=previous", daemon.requests("POST").get(0).query());

        Run viaUpdate = run("service", "update", "--rollback", "web");
        assertEquals(0, viaUpdate.code(), viaUpdate.err());
        assertEquals("version=12&rollback=previous", daemon.requests("POST").get(1).query());

        int before = daemon.requests.size();
        Run mixed = run("service", "update", "--rollback", "--image", "nginx:2", "web");
        assertEquals(1, mixed.code());
        assertEquals("other flags may not be combined with --rollback\n", mixed.err());
        assertEquals(before, daemon.requests.size(), "nothing is sent");
    }

    @Test
    void updateAndRollbackFlagsSetTheirConfigsAndBadValuesSendNothing() throws Exception {
        daemon.on("POST", "/services/" + WEB_ID + "/update", 200, "{\"Warnings\":[]}");
        Run r = run("service", "update", "--update-failure-action", "rollback", "--update-monitor", "10s", "--update-max-failure-ratio", "0.25",
                "--rollback-parallelism", "2", "--rollback-order", "start-first", "web");
        assertEquals(0, r.code(), r.err());
        JsonNode spec = JSON.readTree(daemon.requests("POST").get(0).body());
        assertEquals("rollback", spec.at("/UpdateConfig/FailureAction").asText());
        assertEquals(10_000_000_000L, spec.at("/UpdateConfig/Monitor").asLong());
        assertEquals(0.25, spec.at("/UpdateConfig/MaxFailureRatio").asDouble());
        assertEquals(2, spec.at("/RollbackConfig/Parallelism").asLong());
        assertEquals("start-first", spec.at("/RollbackConfig/Order").asText());

        int before = daemon.requests.size();
        Run bad = run("service", "update", "--rollback-failure-action", "rollback", "web");
        assertEquals(1, bad.code());
        assertEquals("invalid argument \"rollback\" for \"--rollback-failure-action\" flag: must be pause or continue\n", bad.err());
        Run ratio = run("service", "update", "--update-max-failure-ratio", "1.5", "web");
        assertEquals(1, ratio.code());
        assertTrue(ratio.err().contains("must be between 0 and 1"), ratio.err());
        assertEquals(before, daemon.requests.size(), "nothing is sent");
    }

    @Test
    void prettyInspectShowsTheUpdateStatusAndConfigs() {
        String paused = WEB.substring(0, WEB.length() - 1) + ",\"UpdateStatus\":{\"State\":\"paused\",\"StartedAt\":\"2024-05-01T11:58:00Z\","
                + "\"Message\":\"update paused due to failure or early termination of task abc\"}}";
        paused = paused.replace("\"Mode\":{\"Replicated\"", "\"UpdateConfig\":{\"Parallelism\":2,\"FailureAction\":\"rollback\"},"
                + "\"RollbackConfig\":{\"MaxFailureRatio\":0.2},\"Mode\":{\"Replicated\"");
        daemon.on("GET", "/services/web", 200, paused);
        Run r = run("service", "inspect", "--pretty", "web");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("UpdateStatus:\n State:\t\tpaused\n Started:\t2 minutes\n"
                + " Message:\tupdate paused due to failure or early termination of task abc\n"), r.out());
        assertTrue(r.out().contains("UpdateConfig:\n Parallelism:\t2\n On failure:\trollback\n Monitoring Period: 5s\n"
                + " Max failure ratio: 0\n Update order:      stop-first\n"), r.out());
        assertTrue(r.out().contains("RollbackConfig:\n Parallelism:\t1\n On failure:\tpause\n Monitoring Period: 5s\n"
                + " Max failure ratio: 0.2\n Rollback order:    stop-first\n"), r.out());
    }

    @Test
    void updateChangesTheContainerPlacementResourcesRestartAndPortsAsDockersFlagsSay() throws Exception {
        String rich = WEB.replace("\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"friendlyhello:v3@sha256:0123\"}}",
                "\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"friendlyhello:v3@sha256:0123\",\"Labels\":{\"a\":\"1\",\"b\":\"2\"},"
                        + "\"Args\":[\"python\",\"app.py\"]},\"Placement\":{\"Constraints\":[\"node.role==worker\",\"node.labels.zone==a\"]},"
                        + "\"Resources\":{\"Limits\":{\"NanoCPUs\":500000000,\"MemoryBytes\":0},"
                        + "\"Reservations\":{\"NanoCPUs\":0,\"MemoryBytes\":0,\"GenericResources\":[{\"DiscreteResourceSpec\":{\"Kind\":\"gpu\",\"Value\":1}}]}},"
                        + "\"RestartPolicy\":{\"Condition\":\"on-failure\",\"MaxAttempts\":3}}");
        daemon.on("GET", "/services/web", 200, rich);
        daemon.on("POST", "/services/" + WEB_ID + "/update", 200, "{\"Warnings\":[]}");
        Run r = run("service", "update", "--container-label-add", "c=3", "--container-label-rm", "a", "--args", "python app.py --debug",
                "--constraint-rm", "node.labels.zone==a", "--constraint-add", "node.labels.zone==b", "--placement-pref-add", "spread=node.labels.rack",
                "--reserve-memory", "64M", "--generic-resource-rm", "gpu", "--generic-resource-add", "ssd=2", "--restart-delay", "2s",
                "--replicas-max-per-node", "1", "--publish-rm", "5000", "--publish-add", "8080:80", "--stop-grace-period", "30s", "web");
        assertEquals(0, r.code(), r.err());
        JsonNode spec = JSON.readTree(daemon.requests("POST").get(0).body());
        JsonNode c = spec.at("/TaskTemplate/ContainerSpec");
        assertEquals(JSON.readTree("{\"b\":\"2\",\"c\":\"3\"}"), c.get("Labels"));
        assertEquals(JSON.readTree("[\"python\",\"app.py\",\"--debug\"]"), c.get("Args"));
        assertEquals(30_000_000_000L, c.get("StopGracePeriod").asLong());
        assertEquals("friendlyhello:v3@sha256:0123", c.get("Image").asText(), "what no flag names is kept");
        JsonNode t = spec.get("TaskTemplate");
        assertEquals(JSON.readTree("[\"node.role==worker\",\"node.labels.zone==b\"]"), t.at("/Placement/Constraints"));
        assertEquals("node.labels.rack", t.at("/Placement/Preferences/0/Spread/SpreadDescriptor").asText());
        assertEquals(1, t.at("/Placement/MaxReplicas").asLong());
        assertEquals(500_000_000L, t.at("/Resources/Limits/NanoCPUs").asLong());
        assertEquals(64L << 20, t.at("/Resources/Reservations/MemoryBytes").asLong());
        assertEquals("ssd", t.at("/Resources/Reservations/GenericResources/0/DiscreteResourceSpec/Kind").asText());
        assertEquals(1, t.at("/Resources/Reservations/GenericResources").size());
        assertEquals("on-failure", t.at("/RestartPolicy/Condition").asText());
        assertEquals(2_000_000_000L, t.at("/RestartPolicy/Delay").asLong());
        assertEquals(3, t.at("/RestartPolicy/MaxAttempts").asLong());
        JsonNode ports = spec.at("/EndpointSpec/Ports");
        assertEquals(1, ports.size(), ports.toString());
        assertEquals(8080, ports.get(0).get("PublishedPort").asInt());
        assertEquals(80, ports.get(0).get("TargetPort").asInt());

        Run mixed = run("service", "update", "--rollback", "--publish-add", "9090:90", "web");
        assertEquals(1, mixed.code());
        assertEquals("other flags may not be combined with --rollback\n", mixed.err());
    }

    @Test
    void detachFalseWaitsForTheServiceToConvergeAndDetachIsAccepted() {
        daemon.on("POST", "/services/" + WEB_ID + "/update", 200, "{\"Warnings\":[]}");
        daemon.on("GET", "/services/" + WEB_ID, 200, WEB);
        String running = "{\"ID\":\"tX\",\"ServiceID\":\"" + WEB_ID + "\",\"Slot\":1,\"NodeID\":\"" + SELF + "\","
                + "\"Spec\":{\"ContainerSpec\":{\"Image\":\"friendlyhello:v3@sha256:0123\"}},"
                + "\"Status\":{\"State\":\"running\",\"Timestamp\":\"2024-05-01T11:59:00Z\"},\"DesiredState\":\"running\"}";
        daemon.on("GET", "/tasks", 200, "[" + running + "," + running.replace("tX", "tY").replace("\"Slot\":1", "\"Slot\":2") + "]");
        Run attached = run("service", "update", "--detach=false", "--label-add", "x=y", "web");
        assertEquals(0, attached.code(), attached.err());
        assertEquals("web\noverall progress: 2 out of 2 tasks\nverify: Service converged\n", attached.out());
        Run quiet = run("service", "scale", "--detach=false", "-q", "web=2");
        assertEquals(0, quiet.code(), quiet.err());
        assertEquals("web scaled to 2\n", quiet.out());
        int before = daemon.requests("GET").size();
        Run detached = run("service", "update", "-d", "--label-add", "x=y", "web");
        assertEquals(0, detached.code(), detached.err());
        assertEquals("web\n", detached.out());
        assertEquals(before + 1, daemon.requests("GET").size(), "-d reads the service once and does not wait");
    }

    @Test
    void createTakesMountsSecretsConfigsNetworksAndAnEnvFile() throws Exception {
        daemon.on("POST", "/services/create", 201, "{\"ID\":\"x\"}");
        Path envFile = Files.createTempFile("app", ".env");
        Files.writeString(envFile, "# settings\nA=1\n\nHOME\nB=two words\n");
        Run r = Run.of(Map.of("HOME", "/home/me"), "-H", daemon.host(), "service", "create", "--name", "app", "--env-file", envFile.toString(), "-e", "C=3",
                "--mount", "type=bind,source=/srv,target=/data,ro", "--mount", "source=cache,target=/cache", "--secret", "db_pw",
                "--config", "source=app_conf,target=/etc/app.conf,mode=0440", "--network", "name=front,alias=web", "--network", "back",
                "nginx");
        Files.delete(envFile);
        assertEquals(0, r.code(), r.err());
        JsonNode t = JSON.readTree(daemon.requests("POST").get(0).body()).get("TaskTemplate");
        JsonNode c = t.get("ContainerSpec");
        assertEquals(JSON.readTree("[\"A=1\",\"HOME=/home/me\",\"B=two words\",\"C=3\"]"), c.get("Env"));
        assertEquals("bind", c.at("/Mounts/0/Type").asText());
        assertEquals("/srv", c.at("/Mounts/0/Source").asText());
        assertTrue(c.at("/Mounts/0/ReadOnly").asBoolean());
        assertEquals("volume", c.at("/Mounts/1/Type").asText());
        assertEquals("db_pw", c.at("/Secrets/0/SecretName").asText());
        assertEquals("db_pw", c.at("/Secrets/0/File/Name").asText());
        assertEquals(0444, c.at("/Secrets/0/File/Mode").asInt());
        assertEquals("/etc/app.conf", c.at("/Configs/0/File/Name").asText());
        assertEquals(0440, c.at("/Configs/0/File/Mode").asInt());
        assertEquals("front", t.at("/Networks/0/Target").asText());
        assertEquals("web", t.at("/Networks/0/Aliases/0").asText());
        assertEquals("back", t.at("/Networks/1/Target").asText());

        int before = daemon.requests.size();
        Run bad = run("service", "create", "--mount", "type=bind,target=/data", "nginx");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("source is required when specifying bind mounts"), bad.err());
        Run noFile = run("service", "create", "--env-file", "/nonexistent/app.env", "nginx");
        assertEquals(1, noFile.code());
        assertTrue(noFile.err().contains("open /nonexistent/app.env: no such file or directory"), noFile.err());
        assertEquals(before, daemon.requests.size(), "nothing is sent");
    }

    @Test
    void updateAddsAndRemovesSecretsNetworksAndMounts() throws Exception {
        String attached = WEB.replace("\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"friendlyhello:v3@sha256:0123\"}}",
                "\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"friendlyhello:v3@sha256:0123\","
                        + "\"Secrets\":[{\"SecretID\":\"sid1\",\"SecretName\":\"old_pw\",\"File\":{\"Name\":\"pw\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":292}}],"
                        + "\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/a\",\"Target\":\"/data\"}]},"
                        + "\"Networks\":[{\"Target\":\"netid1\"}]}");
        daemon.on("GET", "/services/web", 200, attached);
        daemon.on("GET", "/networks", 200, "[{\"ID\":\"netid1\",\"Spec\":{\"Name\":\"front\"}}]");
        daemon.on("POST", "/services/" + WEB_ID + "/update", 200, "{\"Warnings\":[]}");
        Run r = run("service", "update", "--secret-rm", "old_pw", "--secret-add", "new_pw", "--network-rm", "front", "--network-add", "back",
                "--mount-rm", "/data", "--mount-add", "type=tmpfs,target=/scratch", "web");
        assertEquals(0, r.code(), r.err());
        JsonNode t = JSON.readTree(daemon.requests("POST").get(0).body()).get("TaskTemplate");
        assertEquals(1, t.at("/ContainerSpec/Secrets").size());
        assertEquals("new_pw", t.at("/ContainerSpec/Secrets/0/SecretName").asText());
        assertEquals(1, t.at("/ContainerSpec/Mounts").size());
        assertEquals("tmpfs", t.at("/ContainerSpec/Mounts/0/Type").asText());
        assertEquals(1, t.get("Networks").size());
        assertEquals("back", t.at("/Networks/0/Target").asText());
    }

    @Test
    void createTakesHealthDnsInitReadOnlySysctlsAndUlimits() throws Exception {
        daemon.on("POST", "/services/create", 201, "{\"ID\":\"x\"}");
        Run r = run("service", "create", "--health-cmd", "curl -f http://localhost/", "--health-interval", "5s", "--health-retries", "3",
                "--dns", "10.0.0.2", "--dns-search", "example.org", "--init", "--read-only",
                "--stop-signal", "SIGINT", "--sysctl", "net.core.somaxconn=1024", "--ulimit", "nofile=1024:2048", "nginx");
        assertEquals(0, r.code(), r.err());
        JsonNode c = JSON.readTree(daemon.requests("POST").get(0).body()).at("/TaskTemplate/ContainerSpec");
        assertEquals(JSON.readTree("[\"CMD-SHELL\",\"curl -f http://localhost/\"]"), c.at("/Healthcheck/Test"));
        assertEquals(5_000_000_000L, c.at("/Healthcheck/Interval").asLong());
        assertEquals(3, c.at("/Healthcheck/Retries").asInt());
        assertEquals("10.0.0.2", c.at("/DNSConfig/Nameservers/0").asText());
        assertTrue(c.at("/Init").asBoolean());
        assertTrue(c.at("/ReadOnly").asBoolean());
        assertEquals("SIGINT", c.at("/StopSignal").asText());
        assertEquals("1024", c.at("/Sysctls/net.core.somaxconn").asText());
        assertEquals(2048, c.at("/Ulimits/0/Hard").asLong());

        int before = daemon.requests.size();
        Run conflict = run("service", "create", "--no-healthcheck", "--health-cmd", "true", "nginx");
        assertEquals(1, conflict.code());
        assertEquals("--no-healthcheck conflicts with --health-* options\n", conflict.err());
        Run badUlimit = run("service", "create", "--ulimit", "nofile=lots", "nginx");
        assertEquals(1, badUlimit.code());
        assertTrue(badUlimit.err().contains("use name=soft[:hard]"), badUlimit.err());
        assertEquals(before, daemon.requests.size(), "nothing is sent");
    }

    @Test
    void updateChangesTheHealthCheckInitReadOnlyHostsAndSysctls() throws Exception {
        String extra = WEB.replace("\"ContainerSpec\":{\"Image\":\"friendlyhello:v3@sha256:0123\"}",
                "\"ContainerSpec\":{\"Image\":\"friendlyhello:v3@sha256:0123\",\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Retries\":5},"
                        + "\"Hosts\":[\"10.0.0.5 db\"],\"Init\":true,\"Sysctls\":{\"a\":\"1\"}}");
        daemon.on("GET", "/services/web", 200, extra);
        daemon.on("POST", "/services/" + WEB_ID + "/update", 200, "{\"Warnings\":[]}");
        Run r = run("service", "update", "--health-interval", "10s", "--init=false", "--read-only", "--host-rm", "db", "--host-add",
                "cache:10.0.0.6", "--sysctl-rm", "a", "--sysctl-add", "b=2", "web");
        assertEquals(0, r.code(), r.err());
        JsonNode c = JSON.readTree(daemon.requests("POST").get(0).body()).at("/TaskTemplate/ContainerSpec");
        assertEquals(JSON.readTree("[\"CMD-SHELL\",\"true\"]"), c.at("/Healthcheck/Test"), "the command is kept");
        assertEquals(10_000_000_000L, c.at("/Healthcheck/Interval").asLong());
        assertEquals(5, c.at("/Healthcheck/Retries").asInt());
        assertTrue(c.path("Init").isMissingNode() || c.path("Init").isNull(), c.toString());
        assertTrue(c.at("/ReadOnly").asBoolean());
        assertEquals(JSON.readTree("[\"10.0.0.6 cache\"]"), c.get("Hosts"));
        assertEquals(JSON.readTree("{\"b\":\"2\"}"), c.get("Sysctls"));
    }
}
