package dev.shoal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.manager.controlapi.ApiException;
import dev.shoal.manager.controlapi.Specs;
import dev.shoal.model.Json;
import dev.shoal.model.NodeState;
import dev.shoal.model.TaskState;
import dev.shoal.store.Proposal;
import dev.shoal.store.StoreAction;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String SPEC = "{\"Name\":\"web\",\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"nginx:1.25\"},"
            + "\"RestartPolicy\":{\"Condition\":\"on-failure\"}},\"Mode\":{\"Replicated\":{\"Replicas\":2}},"
            + "\"EndpointSpec\":{\"Ports\":[{\"TargetPort\":80,\"PublishedPort\":8080}]}}";

    private final ObjectMapper json = Json.newMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final FakeLocalNode node = new FakeLocalNode();
    private ApiServer server;

    /** A response: status and body. */
    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() throws Exception { return Json.newMapper().readTree(body); }

        String message() throws Exception { return json().path("message").asText(); }
    }

    @BeforeEach
    void start() throws Exception {
        server = new ApiServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), node);
        server.start();
    }

    @AfterEach
    void stop() { server.close(); }

    private Reply send(String method, String path, String body) throws Exception {
        InetSocketAddress a = server.boundAddress();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    private Reply get(String path) throws Exception { return send("GET", path, null); }

    private Reply post(String path, String body) throws Exception { return send("POST", path, body); }

    private void init() throws Exception {
        Reply r = post("/swarm/init", "{\"ListenAddr\":\"0.0.0.0:2377\",\"AdvertiseAddr\":\"127.0.0.1\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals("\"" + FakeLocalNode.NODE_ID + "\"", r.body());
    }

    @Test
    void beforeInitOnlyPingInfoAndInitAnswer() throws Exception {
        Reply ping = get("/_ping");
        assertEquals(200, ping.status());
        assertEquals("OK", ping.body());
        assertEquals("1.41", ping.raw().headers().firstValue("Api-Version").orElse(""));
        Reply info = get("/v1.41/info");
        assertEquals(200, info.status());
        assertEquals("inactive", info.json().path("Swarm").path("LocalNodeState").asText());
        assertFalse(info.json().path("Swarm").path("ControlAvailable").asBoolean());
        for (String path : new String[] {"/swarm", "/nodes", "/services", "/services/web", "/tasks", "/v1.41/services?status=true"}) {
            Reply r = get(path);
            assertEquals(503, r.status(), path);
            assertEquals(ApiException.NOT_A_MANAGER, r.message(), path);
        }
        Reply create = post("/services/create", SPEC);
        assertEquals(503, create.status());
        assertEquals(ApiException.NOT_A_MANAGER, create.message());
    }

    @Test
    void initOnceThenAManager() throws Exception {
        Reply bad = post("/swarm/init", "{\"AdvertiseAddr\":\"bad\"}");
        assertEquals(400, bad.status());
        init();
        assertTrue(node.initThread.get().startsWith("shoal-api-worker-"), node.initThread.get());
        Reply again = post("/swarm/init", "{}");
        assertEquals(503, again.status());
        assertTrue(again.message().startsWith("This node is already part of a swarm."), again.body());
        JsonNode info = get("/info").json().path("Swarm");
        assertEquals("active", info.path("LocalNodeState").asText());
        assertTrue(info.path("ControlAvailable").asBoolean());
        assertEquals(FakeLocalNode.NODE_ID, info.path("NodeID").asText());
        assertTrue(info.path("Cluster").path("JoinTokens").isMissingNode());
        Reply swarm = get("/swarm");
        assertEquals(200, swarm.status());
        assertEquals("cluster1", swarm.json().path("ID").asText());
        assertEquals("SWMTKN-w", swarm.json().path("JoinTokens").path("Worker").asText());
    }

    @Test
    void serviceLifecycle() throws Exception {
        init();
        Reply created = post("/v1.41/services/create", SPEC);
        assertEquals(201, created.status(), created.body());
        String id = created.json().path("ID").asText();
        assertEquals(25, id.length());
        assertTrue(created.json().path("Warnings").isArray());

        Reply dup = post("/services/create", SPEC);
        assertEquals(409, dup.status());
        assertTrue(dup.message().contains("name conflicts with an existing object") && dup.message().contains("web"), dup.body());

        Reply byName = get("/services/web");
        assertEquals(200, byName.status());
        assertEquals(id, byName.json().path("ID").asText());
        assertEquals("nginx:1.25", byName.json().path("Spec").path("TaskTemplate").path("ContainerSpec").path("Image").asText());
        assertEquals("on-failure", byName.json().path("Spec").path("TaskTemplate").path("RestartPolicy").path("Condition").asText());
        assertEquals(id, get("/services/" + id.substring(0, 6)).json().path("ID").asText());
        long version = byName.json().path("Version").path("Index").asLong();

        Reply missing = get("/services/nope");
        assertEquals(404, missing.status());
        assertEquals("service nope not found", missing.message());

        Reply list = get("/services?status=true");
        assertEquals(200, list.status());
        assertEquals(2, list.json().get(0).path("ServiceStatus").path("DesiredTasks").asLong());
        assertEquals(0, list.json().get(0).path("ServiceStatus").path("RunningTasks").asLong());
        assertTrue(get("/services").json().get(0).path("ServiceStatus").isMissingNode());

        String scaled = SPEC.replace("\"Replicas\":2", "\"Replicas\":5");
        Reply updated = post("/services/web/update?version=" + version, scaled);
        assertEquals(200, updated.status(), updated.body());
        assertTrue(updated.json().path("Warnings").isArray());
        assertEquals(5, get("/services/web").json().path("Spec").path("Mode").path("Replicated").path("Replicas").asLong());
        Reply stale = post("/services/web/update?version=" + version, scaled);
        assertEquals(409, stale.status());
        assertTrue(stale.message().startsWith("update out of sequence"), stale.body());
        assertEquals(400, post("/services/web/update", scaled).status());
        assertEquals(400, post("/services/web/update?version=x", scaled).status());

        Reply removed = send("DELETE", "/services/web", null);
        assertEquals(200, removed.status());
        assertEquals("", removed.body());
        assertEquals(404, send("DELETE", "/services/web", null).status());
    }

    @Test
    void badBodiesAre400WithAClearMessage() throws Exception {
        init();
        Reply noImage = post("/services/create", "{\"Name\":\"web\",\"TaskTemplate\":{\"ContainerSpec\":{}}}");
        assertEquals(400, noImage.status());
        assertEquals("ContainerSpec: image reference must be provided", noImage.message());
        Reply badCondition = post("/services/create", SPEC.replace("on-failure", "sometimes"));
        assertEquals(400, badCondition.status());
        assertTrue(badCondition.message().contains("TaskTemplate.RestartPolicy.Condition")
                && badCondition.message().contains("invalid restart condition \"sometimes\""), badCondition.body());
        Reply notJson = post("/services/create", "{nope");
        assertEquals(400, notJson.status());
        assertTrue(notJson.message().startsWith("invalid"), notJson.body());
        assertEquals(400, post("/services/create", "").status());
        Reply port = post("/services/create", SPEC.replace("\"TargetPort\":80", "\"TargetPort\":0"));
        assertEquals(400, port.status());
        assertTrue(port.message().contains("invalid target port 0"), port.body());
    }

    @Test
    void nodesAndTasks() throws Exception {
        init();
        String web = post("/services/create", SPEC).json().path("ID").asText();
        node.store.commit(Proposal.atomic(
                new StoreAction.Create(Specs.node("n1aaa", "host1", NodeState.READY)),
                new StoreAction.Create(Specs.node("n2bbb", "host2", NodeState.READY)),
                new StoreAction.Create(Specs.task("t1", web, "web", 1, "n1aaa", TaskState.RUNNING, TaskState.RUNNING)),
                new StoreAction.Create(Specs.task("t2", web, "web", 2, "n2bbb", TaskState.SHUTDOWN, TaskState.SHUTDOWN))));
        assertEquals(2, get("/nodes").json().size());
        assertEquals("n2bbb", get("/nodes/host2").json().path("ID").asText());
        assertEquals("host1", get("/nodes/n1").json().path("Description").path("Hostname").asText());
        Reply noNode = get("/nodes/host9");
        assertEquals(404, noNode.status());
        assertEquals("node host9 not found", noNode.message());

        assertEquals(2, get("/tasks").json().size());
        Reply running = get("/tasks?filters=" + enc("{\"service\":[\"web\"],\"desired-state\":[\"running\"]}"));
        assertEquals(200, running.status(), running.body());
        assertEquals(1, running.json().size());
        assertEquals("t1", running.json().get(0).path("ID").asText());
        assertEquals("running", running.json().get(0).path("DesiredState").asText());
        Reply onHost2 = get("/tasks?filters=" + enc("{\"node\":{\"host2\":true}}"));
        assertEquals("t2", onHost2.json().get(0).path("ID").asText());
        assertEquals(1, onHost2.json().size());
        assertEquals(400, get("/tasks?filters=" + enc("{\"desired-state\":[\"bogus\"]}")).status());
        assertEquals(400, get("/tasks?filters=" + enc("[1]")).status());
        assertEquals(404, get("/tasks?filters=" + enc("{\"service\":[\"nope\"]}")).status());
        assertEquals("t1", get("/tasks/t1").json().path("ID").asText());
        assertEquals(1, get("/services?status=true").json().get(0).path("ServiceStatus").path("RunningTasks").asLong());
    }

    @Test
    void nodeUpdate() throws Exception {
        init();
        node.store.commit(Proposal.atomic(new StoreAction.Create(Specs.node("n1aaa", "host1", NodeState.READY))));
        long version = get("/nodes/host1").json().path("Version").path("Index").asLong();
        String spec = "{\"Labels\":{\"zone\":\"a\"},\"Role\":\"worker\",\"Availability\":\"drain\"}";
        Reply ok = post("/v1.41/nodes/n1aaa/update?version=" + version, spec);
        assertEquals(200, ok.status(), ok.body());
        JsonNode after = get("/nodes/host1").json();
        assertEquals("drain", after.path("Spec").path("Availability").asText());
        assertEquals("a", after.path("Spec").path("Labels").path("zone").asText());
        Reply stale = post("/nodes/n1aaa/update?version=" + version, spec);
        assertEquals(409, stale.status());
        assertTrue(stale.message().startsWith("update out of sequence"), stale.body());
        Reply noVersion = post("/nodes/n1aaa/update", spec);
        assertEquals(400, noVersion.status());
        assertTrue(noVersion.message().startsWith("invalid node version"), noVersion.body());
        Reply badAvailability = post("/nodes/n1aaa/update?version=" + version, "{\"Availability\":\"sleepy\"}");
        assertEquals(400, badAvailability.status());
        assertTrue(badAvailability.message().startsWith("invalid NodeSpec at Availability"), badAvailability.body());
        assertEquals(404, post("/nodes/host9/update?version=1", spec).status());
    }

    @Test
    void serviceRollbackThroughTheUpdateRoute() throws Exception {
        init();
        post("/services/create", SPEC);
        long v1 = get("/services/web").json().path("Version").path("Index").asLong();
        Reply never = post("/services/web/update?version=" + v1 + "&rollback=previous", SPEC);
        assertEquals(400, never.status());
        assertTrue(never.message().startsWith("service web does not have a previous spec"), never.body());

        assertEquals(200, post("/services/web/update?version=" + v1, SPEC.replace("nginx:1.25", "nginx:1.26")).status());
        long v2 = get("/services/web").json().path("Version").path("Index").asLong();
        Reply bad = post("/services/web/update?version=" + v2 + "&rollback=next", SPEC);
        assertEquals(400, bad.status());
        assertTrue(bad.message().startsWith("invalid rollback \"next\""), bad.body());
        // the body is not used for a rollback, as in Docker
        Reply back = post("/services/web/update?version=" + v2 + "&rollback=previous", SPEC.replace("nginx:1.25", "ignored"));
        assertEquals(200, back.status(), back.body());
        JsonNode after = get("/services/web").json();
        assertEquals("nginx:1.25", after.path("Spec").path("TaskTemplate").path("ContainerSpec").path("Image").asText());
        assertEquals("nginx:1.26", after.path("PreviousSpec").path("TaskTemplate").path("ContainerSpec").path("Image").asText());
    }

    @Test
    void unknownRoutes() throws Exception {
        Reply nothing = get("/containers/json");
        assertEquals(404, nothing.status());
        assertEquals("page not found", nothing.message());
        assertEquals(405, send("DELETE", "/_ping", null).status());
    }

    @Test
    void aTakenPortIsAClearError() {
        InetSocketAddress taken = server.boundAddress();
        try (ApiServer second = new ApiServer(taken, node)) {
            BindException e = assertThrows(BindException.class, second::start);
            assertEquals("cannot listen on 127.0.0.1:" + taken.getPort() + ": address already in use", e.getMessage());
        }
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
