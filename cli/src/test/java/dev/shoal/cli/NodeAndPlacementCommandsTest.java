package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.model.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code node update}, {@code node ps} and the placement flags of {@code service create}, against a fake daemon. */
class NodeAndPlacementCommandsTest {
    private static final ObjectMapper JSON = Json.newMapper();
    private static final String SELF = "v1oo73vt40hnjivnhnw78po4u";
    private static final String OTHER = "yrz7drszt4hq5j8c8rbhoexqc";

    private FakeDaemon daemon;

    private static String node(String id, String host, String labels) {
        return "{\"ID\":\"" + id + "\",\"Version\":{\"Index\":21},\"Spec\":{\"Name\":\"" + host + "\",\"Labels\":" + labels
                + ",\"Role\":\"worker\",\"Availability\":\"active\"},\"Description\":{\"Hostname\":\"" + host + "\"},"
                + "\"Status\":{\"State\":\"ready\"}}";
    }

    private static String task(String id, String service, int slot, String node, String state, String at, String err) {
        return "{\"ID\":\"" + id + "\",\"CreatedAt\":\"" + at + "\",\"ServiceID\":\"svc" + service + "\",\"ServiceAnnotations\":{\"Name\":\""
                + service + "\"},\"Slot\":" + slot + ",\"NodeID\":\"" + node + "\",\"DesiredState\":\"running\","
                + "\"Spec\":{\"ContainerSpec\":{\"Image\":\"nginx:1.25@sha256:0123\"}},"
                + "\"Status\":{\"Timestamp\":\"" + at + "\",\"State\":\"" + state + "\"" + (err == null ? "" : ",\"Err\":\"" + err + "\"") + "}}";
    }

    @BeforeEach
    void start() throws Exception {
        daemon = new FakeDaemon()
                .on("GET", "/info", 200, "{\"Swarm\":{\"NodeID\":\"" + SELF + "\",\"LocalNodeState\":\"active\",\"ControlAvailable\":true}}")
                .on("GET", "/nodes/" + SELF, 200, node(SELF, "dameng-00", "{}"))
                .on("GET", "/nodes/dameng-01", 200, node(OTHER, "dameng-01", "{\"zone\":\"a\",\"old\":\"x\"}"))
                .on("GET", "/nodes/nope", 404, "{\"message\":\"node nope not found\"}")
                .on("POST", "/nodes/" + OTHER + "/update", 200, "");
    }

    @AfterEach
    void stop() { daemon.close(); }

    private Run run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-H";
        all[1] = daemon.host();
        System.arraycopy(args, 0, all, 2, args.length);
        return Run.of(Map.of(), all);
    }

    @Test
    void nodeUpdateAppliesFlagsToTheReadSpecAtItsVersion() throws Exception {
        Run r = run("node", "update", "--availability", "drain", "--label-add", "zone=b", "--label-add", "ssd", "--label-rm", "old", "dameng-01");
        assertEquals(0, r.code(), r.err());
        assertEquals("dameng-01\n", r.out());
        FakeDaemon.Request update = daemon.requests("POST").get(0);
        assertEquals("version=21", update.query());
        JsonNode spec = JSON.readTree(update.body());
        assertEquals("drain", spec.at("/Availability").asText());
        assertEquals("worker", spec.at("/Role").asText());
        assertEquals("dameng-01", spec.at("/Name").asText());
        assertEquals(JSON.readTree("{\"zone\":\"b\",\"ssd\":\"\"}"), spec.at("/Labels"));
    }

    @Test
    void nodeUpdateErrorsAsDocker() {
        Run missing = run("node", "update", "--label-rm", "gpu", "dameng-01");
        assertEquals(1, missing.code());
        assertEquals("key gpu doesn't exist in node's labels\n", missing.err());
        assertTrue(daemon.requests("POST").isEmpty(), "nothing sent");

        Run bad = run("node", "update", "--availability", "sleepy", "dameng-01");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("invalid availability 'sleepy' (expected active, pause or drain)"), bad.err());

        Run none = run("node", "update", "--availability", "pause", "nope");
        assertEquals(1, none.code());
        assertEquals("Error response from daemon: node nope not found\n", none.err());

        daemon.on("POST", "/nodes/" + OTHER + "/update", 409, "{\"message\":\"update out of sequence: node dameng-01 is at version 22\"}");
        Run stale = run("node", "update", "--availability", "pause", "dameng-01");
        assertEquals(1, stale.code());
        assertTrue(stale.err().startsWith("Error response from daemon: update out of sequence"), stale.err());
    }

    @Test
    void nodePsDefaultsToSelfAndSharesServicePsTable() {
        daemon.on("GET", "/tasks", 200, "["
                + task("webtask1aaaaaaaaaaaaaaaaa", "web", 1, SELF, "running", "2024-05-01T11:59:55Z", null) + ","
                + task("dbtask2bbbbbbbbbbbbbbbbbb", "db", 2, SELF, "pending", "2024-05-01T11:58:00Z", "no suitable node (insufficient resources on 2 nodes)") + "]");
        Run r = run("node", "ps");
        assertEquals(0, r.code(), r.err());
        assertEquals(""
                + "ID             NAME      IMAGE        NODE        DESIRED STATE   CURRENT STATE           ERROR                              PORTS\n"
                + "dbtask2bbbbb   db.2      nginx:1.25   dameng-00   Running         Pending 2 minutes ago   \"no suitable node (insufficien…\"   \n"
                + "webtask1aaaa   web.1     nginx:1.25   dameng-00   Running         Running 5 seconds ago                                      \n",
                r.out());
        FakeDaemon.Request tasks = daemon.requests("GET").stream().filter(q -> q.path().equals("/tasks")).findFirst().orElseThrow();
        assertEquals("filters={\"node\":[\"" + SELF + "\"]}", tasks.query());

        Run q = run("node", "ps", "-q", "--no-trunc", "-f", "desired-state=running", "dameng-01");
        assertEquals(0, q.code(), q.err());
        assertEquals("dbtask2bbbbbbbbbbbbbbbbbb\nwebtask1aaaaaaaaaaaaaaaaa\n", q.out());
        FakeDaemon.Request filtered = daemon.requests("GET").stream().filter(x -> x.path().equals("/tasks")).reduce((a, b) -> b).orElseThrow();
        assertEquals("filters={\"desired-state\":[\"running\"],\"node\":[\"" + OTHER + "\"]}", filtered.query());

        Run bad = run("node", "ps", "-f", "service=web");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("invalid filter 'service' (supported: desired-state, id, name)"), bad.err());
        assertEquals("Error response from daemon: node nope not found\n", run("node", "ps", "nope").err());
    }

    @Test
    void serviceCreatePlacementAndGenericResourceFlags() throws Exception {
        daemon.on("POST", "/services/create", 201, "{\"ID\":\"newserviceid0000000000000\",\"Warnings\":[]}");
        Run r = run("service", "create", "--placement-pref", "spread=node.labels.zone", "--placement-pref", "spread=node.labels.rack",
                "--replicas-max-per-node", "2", "--generic-resource", "gpu=2", "--generic-resource", "fpga=1", "nginx");
        assertEquals(0, r.code(), r.err());
        JsonNode spec = JSON.readTree(daemon.requests("POST").get(0).body());
        JsonNode placement = spec.at("/TaskTemplate/Placement");
        assertEquals(JSON.readTree("[{\"Spread\":{\"SpreadDescriptor\":\"node.labels.zone\"}},{\"Spread\":{\"SpreadDescriptor\":\"node.labels.rack\"}}]"),
                placement.get("Preferences"));
        assertEquals(2, placement.get("MaxReplicas").asLong());
        assertEquals(JSON.readTree("[{\"DiscreteResourceSpec\":{\"Kind\":\"gpu\",\"Value\":2}},{\"DiscreteResourceSpec\":{\"Kind\":\"fpga\",\"Value\":1}}]"),
                spec.at("/TaskTemplate/Resources/Reservations/GenericResources"));

        Run plain = run("service", "create", "nginx");
        JsonNode p = JSON.readTree(daemon.requests("POST").get(1).body());
        assertTrue(p.at("/TaskTemplate/Placement/MaxReplicas").isMissingNode(), plain.out());
        assertTrue(p.at("/TaskTemplate/Resources/Reservations/GenericResources").isMissingNode());
    }

    @Test
    void serviceCreateRebalanceSetsTheLabel() throws Exception {
        daemon.on("POST", "/services/create", 201, "{\"ID\":\"newserviceid0000000000000\",\"Warnings\":[]}");
        Run r = run("service", "create", "--rebalance", "--update-parallelism", "2", "--label", "team=web", "--replicas", "6", "nginx");
        assertEquals(0, r.code(), r.err());
        JsonNode spec = JSON.readTree(daemon.requests("POST").get(0).body());
        assertEquals(JSON.readTree("{\"team\":\"web\",\"dev.shoal.rebalance\":\"true\"}"), spec.get("Labels"));
        assertEquals(JSON.readTree("{\"Parallelism\":2}"), spec.get("UpdateConfig"));

        run("service", "create", "nginx");
        JsonNode plain = JSON.readTree(daemon.requests("POST").get(1).body());
        assertTrue(plain.path("Labels").path("dev.shoal.rebalance").isMissingNode(), plain.toString());
        assertTrue(plain.path("UpdateConfig").isMissingNode(), plain.toString());

        Run global = run("service", "create", "--rebalance", "--mode", "global", "nginx");
        assertEquals(1, global.code(), "a usage error");
        assertTrue(global.err().contains("--rebalance is only supported with --mode replicated"), global.err());
        assertEquals(2, daemon.requests("POST").size(), "nothing posted for the refused one");
    }

    @Test
    void servicePlacementFlagErrorsAsDocker() {
        assertTrue(run("service", "create", "--placement-pref", "binpack=node.labels.zone", "nginx").err()
                .contains("unsupported placement preference binpack (only spread is supported)"));
        assertTrue(run("service", "create", "--placement-pref", "zone", "nginx").err()
                .contains("placement preference must be of the format \"<strategy>=<arg>\""));
        assertTrue(run("service", "create", "--generic-resource", "gpu", "nginx").err()
                .contains("invalid generic-resource format `gpu` expected `name=value`"));
        assertTrue(run("service", "create", "--generic-resource", "gpu=GPU-1", "nginx").err()
                .contains("invalid generic-resource request `gpu=GPU-1`, Named Generic Resources is not supported for service create or update"));
        assertTrue(run("service", "create", "--replicas-max-per-node", "-1", "nginx").err().contains("must not be negative"));
        assertTrue(daemon.requests("POST").isEmpty());
    }
}
