package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.model.Json;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Command line → request mapping and output formatting, against a fake daemon with canned Docker-shaped JSON. */
class CommandsTest {
    private static final ObjectMapper JSON = Json.newMapper();
    static final String SELF = "v1oo73vt40hnjivnhnw78po4u";
    private static final String OTHER = "yrz7drszt4hq5j8c8rbhoexqc";
    private static final String NODES = "[" + node(OTHER, "dameng-01", null) + "," + node(SELF, "dameng-00",
            "{\"Leader\":true,\"Reachability\":\"reachable\",\"Addr\":\"192.168.99.107:2377\"}") + "]";
    static final String WEB_ID = "oyiesfc3biiq1234567890abc";
    static final String WEB = "{\"ID\":\"" + WEB_ID + "\",\"Version\":{\"Index\":12},\"Spec\":{\"Name\":\"myapp_myapp\","
            + "\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"friendlyhello:v3@sha256:0123\"}},"
            + "\"Mode\":{\"Replicated\":{\"Replicas\":2}},\"EndpointSpec\":{\"Mode\":\"vip\",\"Ports\":["
            + "{\"Protocol\":\"tcp\",\"TargetPort\":5000,\"PublishedPort\":5000,\"PublishMode\":\"ingress\"}]}}}";
    private static final String REDIS_ID = "xrk7kska1z76abcdefghijklm";
    private static final String REDIS = "{\"ID\":\"" + REDIS_ID + "\",\"Version\":{\"Index\":7},\"Spec\":{\"Name\":\"myapp_redis\","
            + "\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"redis:latest\"}},\"Mode\":{\"Global\":{}}}}";

    private FakeDaemon daemon;

    private static String node(String id, String host, String managerStatus) {
        return "{\"ID\":\"" + id + "\",\"Version\":{\"Index\":3},\"CreatedAt\":\"2024-05-01T11:00:00Z\","
                + "\"Spec\":{\"Role\":\"" + (managerStatus == null ? "worker" : "manager") + "\",\"Availability\":\"active\"},"
                + "\"Description\":{\"Hostname\":\"" + host + "\",\"Platform\":{\"Architecture\":\"x86_64\",\"OS\":\"linux\"},"
                + "\"Resources\":{\"NanoCPUs\":2000000000,\"MemoryBytes\":1044119552},\"Engine\":{\"EngineVersion\":\"18.09.8-ce\"}},"
                + "\"Status\":{\"State\":\"ready\",\"Addr\":\"192.168.99.10\"}"
                + (managerStatus == null ? "" : ",\"ManagerStatus\":" + managerStatus) + "}";
    }

    private static String task(String id, int slot, String node, String desired, String state, String at, String err) {
        return "{\"ID\":\"" + id + "\",\"CreatedAt\":\"" + at + "\",\"ServiceID\":\"" + WEB_ID + "\",\"Slot\":" + slot
                + ",\"NodeID\":\"" + node + "\",\"DesiredState\":\"" + desired + "\","
                + "\"Spec\":{\"ContainerSpec\":{\"Image\":\"friendlyhello:v3@sha256:0123\"}},"
                + "\"Status\":{\"Timestamp\":\"" + at + "\",\"State\":\"" + state + "\""
                + (err == null ? "" : ",\"Err\":\"" + err + "\"") + "}}";
    }

    @BeforeEach
    void start() throws Exception {
        daemon = new FakeDaemon()
                .on("GET", "/info", 200, "{\"Swarm\":{\"NodeID\":\"" + SELF + "\",\"LocalNodeState\":\"active\",\"ControlAvailable\":true}}")
                .on("GET", "/nodes", 200, NODES)
                .on("GET", "/services/web", 200, WEB)
                .on("GET", "/services/myapp_myapp", 200, WEB)
                .on("GET", "/services/myapp_redis", 200, REDIS)
                .on("GET", "/services/nope", 404, "{\"message\":\"service nope not found\"}");
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private Run run(String... args) {
        return Run.against(daemon, args);
    }

    @Test
    void nodeLsMarksTheAnsweringNodeAndSortsByHostname() {
        Run r = run("node", "ls");
        assertEquals(0, r.code(), r.err());
        assertEquals(""
                + "ID                            HOSTNAME    STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION\n"
                + "v1oo73vt40hnjivnhnw78po4u *   dameng-00   Ready     Active         Leader           18.09.8-ce\n"
                + "yrz7drszt4hq5j8c8rbhoexqc     dameng-01   Ready     Active                          18.09.8-ce\n", r.out());
        assertEquals(SELF + "\n" + OTHER + "\n", run("node", "ls", "-q").out());
    }

    @Test
    void serviceLsShowsReplicasFromServiceStatus() throws Exception {
        String web = JSON.readTree(WEB).deepCopy().toString();
        String list = "[" + REDIS.substring(0, REDIS.length() - 1) + ",\"ServiceStatus\":{\"RunningTasks\":2,\"DesiredTasks\":2}},"
                + web.substring(0, web.length() - 1) + ",\"ServiceStatus\":{\"RunningTasks\":1,\"DesiredTasks\":2}}]";
        daemon.on("GET", "/services", 200, list);
        Run r = run("service", "ls");
        assertEquals(0, r.code(), r.err());
        assertEquals(""
                + "ID             NAME          MODE         REPLICAS   IMAGE              PORTS\n"
                + "oyiesfc3biiq   myapp_myapp   replicated   1/2        friendlyhello:v3   *:5000->5000/tcp\n"
                + "xrk7kska1z76   myapp_redis   global       2/2        redis:latest       \n", r.out());
        assertEquals("status=true", daemon.requests("GET").get(0).query());
        assertEquals("oyiesfc3biiq\nxrk7kska1z76\n", run("service", "ls", "-q").out());
    }

    @Test
    void serviceCreateMapsDockerFlagsToTheSpec() throws Exception {
        daemon.on("POST", "/services/create", 201, "{\"ID\":\"newserviceid0000000000000\",\"Warnings\":[\"careful\"]}");
        Run r = Run.of(Map.of("FROM_CLIENT", "yes"), "service", "create", "-H", daemon.host(),
                "--name", "web", "--replicas", "3", "-e", "A=1", "--env", "FROM_CLIENT", "-l", "tier=front",
                "--container-label", "c=d", "--constraint", "node.role==worker", "-p", "8080:80",
                "--publish", "published=9090,target=90,protocol=udp,mode=host",
                "--restart-condition", "on-failure", "--restart-delay", "1m30s", "--restart-max-attempts", "4",
                "--restart-window", "100ms", "--limit-cpu", "0.5", "--limit-memory", "512M", "--reserve-memory", "1G",
                "--reserve-cpu", "0.25", "--stop-grace-period", "20s", "--entrypoint", "/bin/sh -e", "--workdir", "/app",
                "--user", "nobody", "--hostname", "box", "nginx:1.25", "sh", "-c", "echo --replicas 9");
        assertEquals(0, r.code(), r.err());
        assertEquals("newserviceid0000000000000\n", r.out());
        assertEquals("careful\n", r.err());
        JsonNode spec = JSON.readTree(daemon.requests("POST").get(0).body());
        assertEquals("web", spec.at("/Name").asText());
        assertEquals("front", spec.at("/Labels/tier").asText());
        assertEquals(3, spec.at("/Mode/Replicated/Replicas").asLong());
        JsonNode c = spec.at("/TaskTemplate/ContainerSpec");
        assertEquals("nginx:1.25", c.at("/Image").asText());
        assertEquals(List.of("sh", "-c", "echo --replicas 9"), JSON.convertValue(c.at("/Args"), List.class));
        assertEquals(List.of("/bin/sh", "-e"), JSON.convertValue(c.at("/Command"), List.class));
        assertEquals(List.of("A=1", "FROM_CLIENT=yes"), JSON.convertValue(c.at("/Env"), List.class));
        assertEquals("d", c.at("/Labels/c").asText());
        assertEquals("/app", c.at("/Dir").asText());
        assertEquals("nobody", c.at("/User").asText());
        assertEquals("box", c.at("/Hostname").asText());
        assertEquals(20_000_000_000L, c.at("/StopGracePeriod").asLong());
        JsonNode t = spec.at("/TaskTemplate");
        assertEquals("on-failure", t.at("/RestartPolicy/Condition").asText());
        assertEquals(90_000_000_000L, t.at("/RestartPolicy/Delay").asLong());
        assertEquals(4, t.at("/RestartPolicy/MaxAttempts").asLong());
        assertEquals(100_000_000L, t.at("/RestartPolicy/Window").asLong());
        assertEquals(500_000_000L, t.at("/Resources/Limits/NanoCPUs").asLong());
        assertEquals(512L << 20, t.at("/Resources/Limits/MemoryBytes").asLong());
        assertEquals(250_000_000L, t.at("/Resources/Reservations/NanoCPUs").asLong());
        assertEquals(1L << 30, t.at("/Resources/Reservations/MemoryBytes").asLong());
        assertEquals("node.role==worker", t.at("/Placement/Constraints/0").asText());
        JsonNode ports = spec.at("/EndpointSpec/Ports");
        assertEquals(2, ports.size());
        assertEquals(8080, ports.get(0).at("/PublishedPort").asInt());
        assertEquals(80, ports.get(0).at("/TargetPort").asInt());
        assertEquals("ingress", ports.get(0).at("/PublishMode").asText());
        assertEquals("udp", ports.get(1).at("/Protocol").asText());
        assertEquals("host", ports.get(1).at("/PublishMode").asText());
    }

    @Test
    void serviceCreateDefaultsAndGlobalMode() throws Exception {
        daemon.on("POST", "/services/create", 201, "{\"ID\":\"x\"}");
        assertEquals(0, run("service", "create", "redis").code());
        JsonNode spec = JSON.readTree(daemon.requests("POST").get(0).body());
        assertEquals(1, spec.at("/Mode/Replicated/Replicas").asLong());
        assertTrue(spec.at("/TaskTemplate/RestartPolicy/Condition").isMissingNode(), "unset restart fields are left to the daemon");
        assertEquals(0, run("service", "create", "--mode", "global", "redis").code());
        JsonNode global = JSON.readTree(daemon.requests("POST").get(1).body());
        assertTrue(global.at("/Mode/Global").isObject());
        assertTrue(global.at("/Mode/Replicated").isMissingNode());
        assertTrue(global.at("/TaskTemplate/Resources/Limits/Zero").isMissingNode());
    }

    @Test
    void servicePsGroupsHistoryUnderItsSlot() {
        daemon.on("GET", "/tasks", 200, "["
                + task("task2aaaaaaaaaaaaaaaaaaaa", 2, OTHER, "running", "running", "2024-05-01T11:59:55Z", null) + ","
                + task("oldtaskbbbbbbbbbbbbbbbbbb", 1, OTHER, "shutdown", "failed", "2024-05-01T11:57:00Z", "task: non-zero exit (1): the container crashed hard") + ","
                + task("newtaskcccccccccccccccccc", 1, SELF, "running", "running", "2024-05-01T11:59:00Z", null) + "]");
        Run r = run("service", "ps", "web");
        assertEquals(0, r.code(), r.err());
        assertEquals(""
                + "ID             NAME                IMAGE              NODE        DESIRED STATE   CURRENT STATE                ERROR                              PORTS\n"
                + "newtaskccccc   myapp_myapp.1       friendlyhello:v3   dameng-00   Running         Running about a minute ago                                      \n"
                + "oldtaskbbbbb    \\_ myapp_myapp.1   friendlyhello:v3   dameng-01   Shutdown        Failed 3 minutes ago         \"task: non-zero exit (1): the …\"   \n"
                + "task2aaaaaaa   myapp_myapp.2       friendlyhello:v3   dameng-01   Running         Running 5 seconds ago                                           \n",
                r.out());
        FakeDaemon.Request tasks = daemon.requests("GET").stream().filter(q -> q.path().equals("/tasks")).findFirst().orElseThrow();
        assertEquals("filters={\"service\":[\"" + WEB_ID + "\"]}", tasks.query());

        Run q = run("service", "ps", "-q", "--no-trunc", "-f", "desired-state=running", "web");
        assertEquals("newtaskcccccccccccccccccc\noldtaskbbbbbbbbbbbbbbbbbb\ntask2aaaaaaaaaaaaaaaaaaaa\n", q.out());
        FakeDaemon.Request filtered = daemon.requests("GET").stream().filter(x -> x.path().equals("/tasks")).reduce((a, b) -> b).orElseThrow();
        assertTrue(filtered.query().contains("\"desired-state\":[\"running\"]"), filtered.query());

        Run bad = run("service", "ps", "-f", "color=red", "web");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("invalid filter 'color'"), bad.err());
    }

    @Test
    void scaleUpdatesAtTheReadVersion() throws Exception {
        daemon.on("POST", "/services/" + WEB_ID + "/update", 200, "{\"Warnings\":[]}");
        Run r = run("service", "scale", "web=6");
        assertEquals(0, r.code(), r.err());
        assertEquals("web scaled to 6\n", r.out());
        FakeDaemon.Request update = daemon.requests("POST").get(0);
        assertEquals("version=12", update.query());
        JsonNode spec = JSON.readTree(update.body());
        assertEquals(6, spec.at("/Mode/Replicated/Replicas").asLong());
        assertEquals("myapp_myapp", spec.at("/Name").asText());
    }

    @Test
    void scaleRefusesGlobalServicesAndBadArguments() {
        Run global = run("service", "scale", "myapp_redis=3");
        assertEquals(1, global.code());
        assertEquals("myapp_redis: scale can only be used with replicated or replicated-job mode\n", global.err());

        int before = daemon.requests.size();
        Run bad = run("service", "scale", "web=2", "web=x");
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("Invalid scale specifier 'web=x'"), bad.err());
        assertEquals(before, daemon.requests.size(), "nothing is sent when an argument is bad");
        assertEquals(1, run("service", "scale", "web").code());
        assertEquals(1, run("service", "scale", "web=-2").code());

        Run missing = run("service", "scale", "nope=2");
        assertEquals("nope: Error response from daemon: service nope not found\n", missing.err());
    }

    @Test
    void rmPrintsEachNameAndReportsFailures() {
        daemon.on("DELETE", "/services/web", 200, "");
        Run r = run("service", "rm", "web", "nope");
        assertEquals(1, r.code());
        assertEquals("web\n", r.out());
        assertEquals("Error response from daemon: page not found\n", r.err());
        assertEquals(List.of("/services/web", "/services/nope"), daemon.requests("DELETE").stream().map(FakeDaemon.Request::path).toList());
    }

    @Test
    void inspectPrintsAJsonArrayAndPrettyForms() throws Exception {
        Run r = run("service", "inspect", "web");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("[\n    {\n        \"ID\": \"" + WEB_ID + "\",\n"), r.out());
        assertEquals(JSON.readTree("[" + WEB + "]"), JSON.readTree(r.out()));

        Run pretty = run("service", "inspect", "--pretty", "web");
        assertTrue(pretty.out().contains("Name:\t\tmyapp_myapp\n"), pretty.out());
        assertTrue(pretty.out().contains(" Replicas:\t2\n"), pretty.out());
        assertTrue(pretty.out().contains(" PublishedPort = 5000\n"), pretty.out());

        Run missing = run("service", "inspect", "web", "nope");
        assertEquals(1, missing.code());
        assertEquals(1, JSON.readTree(missing.out()).size());
        assertEquals("Error response from daemon: service nope not found\n", missing.err());

        daemon.on("GET", "/nodes/" + SELF, 200, NODES.substring(NODES.indexOf(",{") + 1, NODES.length() - 1));
        Run self = run("node", "inspect", "--pretty", "self");
        assertEquals(0, self.code(), self.err());
        assertTrue(self.out().contains("Hostname:              \tdameng-00\n"), self.out());
        assertTrue(self.out().contains(" Leader:\t\tYes\n"), self.out());
        assertTrue(self.out().contains(" Memory:\t\t995.8MiB\n"), self.out());
        Run json = run("node", "inspect", SELF);
        assertEquals(SELF, JSON.readTree(json.out()).get(0).get("ID").asText());
    }

    @Test
    void swarmInitPrintsDockersTextWithTheJoinCommand() throws Exception {
        daemon.on("POST", "/swarm/init", 200, "\"" + SELF + "\"")
                .on("GET", "/swarm", 200, "{\"ID\":\"cluster\",\"JoinTokens\":{\"Worker\":\"SWMTKN-1-worker\",\"Manager\":\"SWMTKN-1-mgr\"}}")
                .on("GET", "/nodes/" + SELF, 200, NODES.substring(NODES.indexOf(",{") + 1, NODES.length() - 1));
        Run r = run("swarm", "init", "--advertise-addr", "192.168.99.107");
        assertEquals(0, r.code(), r.err());
        assertEquals("Swarm initialized: current node (" + SELF + ") is now a manager.\n\n"
                + "To add a worker to this swarm, run the following command:\n\n"
                + "    swarmctl swarm join --token SWMTKN-1-worker 192.168.99.107:2377\n\n"
                + "To add a manager to this swarm, run 'swarmctl swarm join-token manager' and follow the instructions.\n\n", r.out());
        JsonNode body = JSON.readTree(daemon.requests("POST").get(0).body());
        assertEquals("192.168.99.107", body.get("AdvertiseAddr").asText());
        assertFalse(body.has("ForceNewCluster"));
        run("swarm", "init", "--force-new-cluster", "--listen-addr", "0.0.0.0:2377");
        JsonNode forced = JSON.readTree(daemon.requests("POST").get(1).body());
        assertTrue(forced.get("ForceNewCluster").asBoolean());
        assertEquals("0.0.0.0:2377", forced.get("ListenAddr").asText());
    }

    @Test
    void daemonErrorsArePrintedAsDockerDoes() {
        daemon.on("GET", "/nodes", 503, "{\"message\":\"This node is not a swarm manager. Use \\\"swarmctl swarm init\\\" or "
                + "\\\"swarmctl swarm join\\\" to connect this node to swarm and try again.\"}");
        Run r = run("node", "ls");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals("Error response from daemon: This node is not a swarm manager. Use \"swarmctl swarm init\" or "
                + "\"swarmctl swarm join\" to connect this node to swarm and try again.\n", r.err());
    }

    @Test
    void hostComesFromTheFlagThenTheEnvironment() {
        daemon.on("GET", "/services", 200, "[]");
        Run viaEnv = Run.of(Map.of(Swarmctl.HOST_ENV, daemon.host()), "service", "ls");
        assertEquals(0, viaEnv.code(), viaEnv.err());
        Run flagAfterVerb = Run.of(Map.of(Swarmctl.HOST_ENV, "tcp://127.0.0.1:1"), "service", "ls", "--host", daemon.host());
        assertEquals(0, flagAfterVerb.code(), flagAfterVerb.err());
        Run bad = Run.of(Map.of(), "-H", "udp://x:1", "service", "ls");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("invalid host address \"udp://x:1\""), bad.err());
    }

    @Test
    void unreachableDaemonNamesTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = Run.of(Map.of(), "-H", "tcp://127.0.0.1:" + port, "node", "ls");
        assertEquals(1, r.code());
        assertEquals("Cannot connect to the Shoal daemon at tcp://127.0.0.1:" + port + ". Is shoald running?\n", r.err());
    }

    @Test
    void usageErrorsNameTheFlagAndExitOne() {
        int before = daemon.requests.size();
        Run abc = run("service", "create", "--replicas", "abc", "nginx");
        assertEquals(1, abc.code());
        assertTrue(abc.err().startsWith("Invalid value for option '--replicas': 'abc'"), abc.err());
        assertTrue(abc.err().contains("See 'swarmctl service create --help'."), abc.err());
        Run negative = run("service", "create", "--replicas", "-1", "nginx");
        assertEquals(1, negative.code());
        assertTrue(negative.err().contains("'--replicas'"), negative.err());
        Run unknown = run("service", "create", "--no-such-flag", "nginx");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("Unknown option: '--no-such-flag'"), unknown.err());
        Run memory = run("service", "create", "--limit-memory", "lots", "nginx");
        assertTrue(memory.err().contains("'--limit-memory'"), memory.err());
        Run global = run("service", "create", "--mode", "global", "--replicas", "2", "nginx");
        assertEquals(1, global.code());
        assertTrue(global.err().startsWith("replicas can only be used with replicated or replicated-job mode"), global.err());
        assertEquals(1, run("service", "create").code());
        assertEquals(1, run("node", "ls", "extra").code());
        assertEquals(1, run("nodes", "ls").code());
        assertEquals(before, daemon.requests.size(), "usage errors send nothing");
    }

    @Test
    void helpAndVersionExitZero() {
        Run help = Run.of(Map.of(), "service", "create", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("IMAGE"), help.out());
        Run version = Run.of(Map.of(), "--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("swarmctl version "), version.out());
        Run noun = Run.of(Map.of(), "service");
        assertEquals(0, noun.code());
        assertTrue(noun.out().contains("scale"), noun.out());
    }

    @Test
    void swarmJoinSendsDockersJoinRequest() throws Exception {
        daemon.on("POST", "/swarm/join", 200, "\"" + OTHER + "\"");
        Run r = run("swarm", "join", "--token", "SWMTKN-1-abc", "--advertise-addr", "10.0.0.2", "10.0.0.1:2377");
        assertEquals(0, r.code(), r.err());
        assertEquals("This node joined a swarm as a manager.\n", r.out()); // the fake /info says ControlAvailable
        JsonNode body = JSON.readTree(daemon.requests("POST").get(0).body());
        assertEquals("SWMTKN-1-abc", body.get("JoinToken").asText());
        assertEquals("10.0.0.1:2377", body.get("RemoteAddrs").get(0).asText());
        assertEquals("10.0.0.2", body.get("AdvertiseAddr").asText());
        Run noToken = run("swarm", "join", "10.0.0.1:2377");
        assertEquals(1, noToken.code());
        assertTrue(noToken.err().contains("--token"), noToken.err());
    }

    @Test
    void joinTokenPrintsTheCommandOrTheTokenAndRotates() {
        daemon.on("GET", "/swarm", 200, "{\"ID\":\"cluster\",\"JoinTokens\":{\"Worker\":\"SWMTKN-1-worker\",\"Manager\":\"SWMTKN-1-mgr\"}}")
                .on("GET", "/nodes/" + SELF, 200, NODES.substring(NODES.indexOf(",{") + 1, NODES.length() - 1))
                .on("POST", "/swarm/update", 200, "{\"ID\":\"cluster\",\"JoinTokens\":{\"Worker\":\"SWMTKN-1-new\",\"Manager\":\"SWMTKN-1-mgr\"}}");
        Run cmd = run("swarm", "join-token", "manager");
        assertEquals(0, cmd.code(), cmd.err());
        assertEquals("To add a manager to this swarm, run the following command:\n\n"
                + "    swarmctl swarm join --token SWMTKN-1-mgr 192.168.99.107:2377\n\n", cmd.out());
        assertEquals("SWMTKN-1-worker\n", run("swarm", "join-token", "-q", "worker").out());
        Run rotated = run("swarm", "join-token", "--rotate", "-q", "worker");
        assertEquals("SWMTKN-1-new\n", rotated.out());
        assertEquals("rotateWorkerToken=true&rotateManagerToken=false", daemon.requests("POST").get(0).query());
        Run bad = run("swarm", "join-token", "boss");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("unknown role boss"), bad.err());
    }

    @Test
    void promoteDemoteAndRmSayWhatTheyDid() throws Exception {
        daemon.on("GET", "/nodes/dameng-01", 200, node(OTHER, "dameng-01", null))
                .on("GET", "/nodes/dameng-00", 200, node(SELF, "dameng-00", "{\"Leader\":true,\"Reachability\":\"reachable\",\"Addr\":\"x:2377\"}"))
                .on("POST", "/nodes/" + OTHER + "/update", 200, "")
                .on("DELETE", "/nodes/dameng-01", 200, "")
                .on("POST", "/nodes/" + SELF + "/update", 400,
                        "{\"message\":\"attempting to demote the last manager of the swarm: promote another node to manager first\"}");
        Run promote = run("node", "promote", "dameng-01", "dameng-00");
        assertEquals(0, promote.code(), promote.err());
        assertEquals("Node dameng-01 promoted to a manager in the swarm.\nNode dameng-00 is already a manager.\n", promote.out());
        assertEquals("manager", JSON.readTree(daemon.requests("POST").get(0).body()).get("Role").asText());
        assertEquals("version=3", daemon.requests("POST").get(0).query());
        Run demote = run("node", "demote", "dameng-00");
        assertEquals(1, demote.code());
        assertTrue(demote.err().contains("last manager"), demote.err());
        Run rm = run("node", "rm", "--force", "dameng-01");
        assertEquals(0, rm.code(), rm.err());
        assertEquals("force=true", daemon.requests("DELETE").get(0).query());
    }

    @Test
    void secretsNetworksAndConfigs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path pw = dir.resolve("pw");
        Files.writeString(pw, "pythonic");
        daemon.on("POST", "/secrets/create", 201, "{\"ID\":\"sec1\"}")
                .on("GET", "/networks", 200, "[{\"ID\":\"n0123456789abcdef\",\"Spec\":{\"Name\":\"app_default\"}}]")
                .on("POST", "/networks/create", 201, "{\"Id\":\"n2\"}");
        Run secret = run("secret", "create", "db_pw", pw.toString());
        assertEquals(0, secret.code(), secret.err());
        assertEquals("sec1\n", secret.out());
        JsonNode body = JSON.readTree(daemon.requests("POST").get(0).body());
        assertEquals("db_pw", body.get("Name").asText());
        assertEquals(java.util.Base64.getEncoder().encodeToString("pythonic".getBytes()), body.get("Data").asText());
        Run missing = run("secret", "create", "x", dir.resolve("nope").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());

        assertEquals("NETWORK ID     NAME          DRIVER    SCOPE\nn0123456789a   app_default   overlay   swarm\n", run("network", "ls").out());
        assertEquals("n2\n", run("network", "create", "--attachable", "app_back").out());
        JsonNode net = JSON.readTree(daemon.requests("POST").get(1).body());
        assertEquals("app_back", net.get("Name").asText());
        assertTrue(net.get("Attachable").asBoolean());
    }
}
