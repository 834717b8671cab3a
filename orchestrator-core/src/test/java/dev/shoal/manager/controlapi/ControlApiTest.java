package dev.shoal.manager.controlapi;

import static dev.shoal.manager.controlapi.Specs.node;
import static dev.shoal.manager.controlapi.Specs.port;
import static dev.shoal.manager.controlapi.Specs.service;
import static dev.shoal.manager.controlapi.Specs.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.ContainerSpec;
import dev.shoal.model.NodeState;
import dev.shoal.model.RestartCondition;
import dev.shoal.model.RestartPolicy;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ControlApiTest {
    private final Store store = Store.local();
    private final ControlApi api = new ControlApi(store, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), new Random(1));

    private ApiException fails(ApiException.Kind kind, Runnable r) {
        ApiException e = assertThrows(ApiException.class, r::run);
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void createsAndReadsBackAService() {
        String id = api.createService(service("web", "nginx:1.25", 3, port(8080, 80)));
        Service s = api.getService(id);
        assertEquals("web", s.spec().name());
        assertEquals(3, s.spec().mode().replicated().replicas());
        assertTrue(s.version().index() > 0);
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), s.createdAt());
    }

    @Test
    void validatesTheSpecWithDockersTexts() {
        assertTrue(fails(ApiException.Kind.INVALID, () -> api.createService(service("web", null, 1))).getMessage()
                .contains("image reference must be provided"));
        assertTrue(fails(ApiException.Kind.INVALID, () -> api.createService(service("web", "", 1))).getMessage()
                .contains("image reference must be provided"));
        assertTrue(fails(ApiException.Kind.INVALID, () -> api.createService(service("web", "Nginx", 1))).getMessage()
                .contains("\"Nginx\" is not a valid repository/tag"));
        assertTrue(fails(ApiException.Kind.INVALID, () -> api.createService(service("-web", "nginx", 1))).getMessage()
                .contains("name must be valid as a DNS name component"));
        assertTrue(fails(ApiException.Kind.INVALID, () -> api.createService(service("a".repeat(64), "nginx", 1))).getMessage()
                .contains("63 characters or fewer"));
        assertTrue(fails(ApiException.Kind.INVALID, () -> api.createService(service("web", "nginx", -1))).getMessage()
                .contains("replicas must be non-negative"));
        assertTrue(fails(ApiException.Kind.INVALID, () -> api.createService(service("web", "nginx", 1, port(8080, 0)))).getMessage()
                .contains("invalid target port 0"));
        assertTrue(fails(ApiException.Kind.INVALID, () -> api.createService(service("web", "nginx", 1, port(70000, 80)))).getMessage()
                .contains("invalid published port 70000"));
        assertTrue(fails(ApiException.Kind.INVALID, () -> api.createService(service("web", "nginx", 1, port(8080, 80), port(8080, 81))))
                .getMessage().contains("duplicate published ports provided"));
        ServiceSpec badRestart = new ServiceSpec("web", null, new TaskSpec(new ContainerSpec("nginx", null, null, null, null, null, null, null, null),
                null, new RestartPolicy(RestartCondition.ON_FAILURE, -1L, null, null), null, null), null, null);
        assertTrue(fails(ApiException.Kind.INVALID, () -> api.createService(badRestart)).getMessage().contains("restart-delay cannot be negative"));
        assertTrue(api.listServices(false).isEmpty());
    }

    @Test
    void acceptsRegistryHostsTagsAndZeroReplicas() {
        api.createService(service("a", "localhost:5000/team/app:1.0", 0));
        api.createService(service("b", "registry.example.com/x/y_z@sha256:" + "a".repeat(64), 1));
        api.createService(service("c_d-e", "busybox", 1));
        assertEquals(3, api.listServices(false).size());
    }

    @Test
    void givesAServiceWithoutANameAGeneratedOne() {
        String id = api.createService(service(null, "nginx", 1));
        String name = api.getService(id).spec().name();
        assertTrue(name.matches("[a-z]+_[a-z]+"), name);
    }

    @Test
    void refusesADuplicateNameOrIngressPort() {
        api.createService(service("web", "nginx", 1, port(8080, 80)));
        ApiException e = fails(ApiException.Kind.CONFLICT, () -> api.createService(service("web", "nginx", 1)));
        assertTrue(e.getMessage().contains("name conflicts with an existing object") && e.getMessage().contains("web"), e.getMessage());
        e = fails(ApiException.Kind.INVALID, () -> api.createService(service("other", "nginx", 1, port(8080, 81))));
        assertTrue(e.getMessage().startsWith("port '8080' is already in use by service 'web'"), e.getMessage());
    }

    @Test
    void resolvesByIdNameAndUniquePrefix() {
        store.commit(Proposal.atomic(new StoreAction.Create(new Service("abc111", null, null, null, service("one", "nginx", 1), null)),
                new StoreAction.Create(new Service("abc222", null, null, null, service("two", "nginx", 1), null))));
        assertEquals("one", api.getService("abc111").spec().name());
        assertEquals("abc222", api.getService("two").id());
        assertEquals("abc222", api.getService("abc2").id());
        ApiException e = fails(ApiException.Kind.INVALID, () -> api.getService("abc"));
        assertTrue(e.getMessage().startsWith("service abc is ambiguous (2 matches found)"), e.getMessage());
        assertEquals("service web not found", fails(ApiException.Kind.NOT_FOUND, () -> api.getService("web")).getMessage());
    }

    @Test
    void updatesWithOptimisticVersions() {
        String id = api.createService(service("web", "nginx", 1));
        long v = api.getService("web").version().index();
        api.updateService("web", v, service("web", "nginx:2", 5));
        Service s = api.getService(id);
        assertEquals("nginx:2", s.spec().taskTemplate().containerSpec().image());
        assertEquals("nginx", s.previousSpec().taskTemplate().containerSpec().image());
        assertTrue(s.version().index() > v);
        ApiException e = fails(ApiException.Kind.CONFLICT, () -> api.updateService("web", v, service("web", "nginx:3", 5)));
        assertTrue(e.getMessage().startsWith("update out of sequence"), e.getMessage());
        fails(ApiException.Kind.INVALID, () -> api.updateService("web", s.version().index(), service("api", "nginx", 1)));
        fails(ApiException.Kind.INVALID, () -> api.updateService("web", s.version().index(), Specs.global("web", "nginx")));
        fails(ApiException.Kind.NOT_FOUND, () -> api.updateService("nope", 1, service("nope", "nginx", 1)));
        api.updateService(id, s.version().index(), service(null, "nginx:4", 2));
        assertEquals("web", api.getService(id).spec().name());
    }

    @Test
    void removesAService() {
        api.createService(service("web", "nginx", 1));
        api.removeService("web");
        assertTrue(api.listServices(false).isEmpty());
        assertEquals("service web not found", fails(ApiException.Kind.NOT_FOUND, () -> api.removeService("web")).getMessage());
    }

    @Test
    void countsRunningAndDesiredTasks() {
        String web = api.createService(service("web", "nginx", 3));
        String mon = api.createService(Specs.global("mon", "nginx"));
        store.commit(Proposal.atomic(
                new StoreAction.Create(node("n1", "host1", NodeState.READY)),
                new StoreAction.Create(node("n2", "host2", NodeState.DOWN)),
                new StoreAction.Create(task("t1", web, "web", 1, "n1", TaskState.RUNNING, TaskState.RUNNING)),
                new StoreAction.Create(task("t2", web, "web", 2, "n1", TaskState.PREPARING, TaskState.RUNNING)),
                new StoreAction.Create(task("t3", web, "web", 3, "n2", TaskState.RUNNING, TaskState.RUNNING)),
                new StoreAction.Create(task("t4", web, "web", 1, "n1", TaskState.RUNNING, TaskState.SHUTDOWN)),
                new StoreAction.Create(task("t5", mon, "mon", 0, "n1", TaskState.RUNNING, TaskState.RUNNING)),
                new StoreAction.Create(task("t6", mon, "mon", 0, "n2", TaskState.RUNNING, TaskState.RUNNING))));
        Map<String, ServiceStatus> status = api.listServices(true).stream()
                .collect(Collectors.toMap(l -> l.service().spec().name(), ServiceListing::status));
        assertEquals(new ServiceStatus(1, 3), status.get("web"));
        assertEquals(new ServiceStatus(1, 1), status.get("mon"));
        assertNull(api.listServices(false).get(0).status());
    }

    @Test
    void filtersTasksLikeDocker() {
        String web = api.createService(service("web", "nginx", 2));
        String db = api.createService(service("db", "postgres", 1));
        store.commit(Proposal.atomic(
                new StoreAction.Create(node("n1aaa", "host1", NodeState.READY)),
                new StoreAction.Create(node("n2bbb", "host2", NodeState.READY)),
                new StoreAction.Create(task("t1", web, "web", 1, "n1aaa", TaskState.RUNNING, TaskState.RUNNING)),
                new StoreAction.Create(task("t2", web, "web", 2, "n2bbb", TaskState.RUNNING, TaskState.RUNNING)),
                new StoreAction.Create(task("t3", web, "web", 1, "n1aaa", TaskState.SHUTDOWN, TaskState.SHUTDOWN)),
                new StoreAction.Create(task("t4", db, "db", 1, "n2bbb", TaskState.ACCEPTED, TaskState.ACCEPTED)),
                new StoreAction.Create(task("t5", db, "db", 1, null, TaskState.PENDING, TaskState.RUNNING))));
        assertEquals(List.of("t5", "t4", "t1", "t3", "t2"), ids(api.listTasks(TaskFilter.ALL)));
        assertEquals(List.of("t1", "t3", "t2"), ids(api.listTasks(filter(Map.of("service", List.of("web"))))));
        assertEquals(List.of("t1", "t3", "t2"), ids(api.listTasks(filter(Map.of("service", List.of(web.substring(0, 10)))))));
        assertEquals(List.of("t4", "t2"), ids(api.listTasks(filter(Map.of("node", List.of("host2"))))));
        assertEquals(List.of("t1", "t3"), ids(api.listTasks(filter(Map.of("node", List.of("n1"))))));
        assertEquals(List.of("t5", "t1", "t2"), ids(api.listTasks(filter(Map.of("desired-state", List.of("running"))))));
        assertEquals(List.of("t3"), ids(api.listTasks(filter(Map.of("desired-state", List.of("shutdown"))))));
        assertEquals(List.of("t4"), ids(api.listTasks(filter(Map.of("desired-state", List.of("accepted"))))));
        assertEquals(List.of("t1"), ids(api.listTasks(filter(Map.of("service", List.of("web"), "node", List.of("host1"),
                "desired-state", List.of("running"))))));
        assertEquals(List.of("t1", "t3"), ids(api.listTasks(filter(Map.of("name", List.of("web.1"))))));
        assertEquals("service nope not found",
                fails(ApiException.Kind.NOT_FOUND, () -> api.listTasks(filter(Map.of("service", List.of("nope"))))).getMessage());
        assertTrue(fails(ApiException.Kind.INVALID, () -> filter(Map.of("desired-state", List.of("sleeping")))).getMessage()
                .startsWith("Invalid filter 'desired-state=sleeping'"));
        assertTrue(fails(ApiException.Kind.INVALID, () -> filter(Map.of("colour", List.of("red")))).getMessage()
                .startsWith("Invalid filter 'colour'"));
    }

    @Test
    void resolvesNodesByIdHostnameAndPrefix() {
        store.commit(Proposal.atomic(new StoreAction.Create(node("n1aaa", "host1", NodeState.READY)),
                new StoreAction.Create(node("n2bbb", "host2", NodeState.READY))));
        assertEquals("n1aaa", api.getNode("host1").id());
        assertEquals("n2bbb", api.getNode("n2").id());
        assertEquals("n2bbb", api.getNode("n2bbb").id());
        assertTrue(fails(ApiException.Kind.INVALID, () -> api.getNode("n")).getMessage().startsWith("node n is ambiguous"));
        assertEquals("node host3 not found", fails(ApiException.Kind.NOT_FOUND, () -> api.getNode("host3")).getMessage());
        assertEquals(List.of("host1", "host2"), api.listNodes().stream().map(n -> n.hostname()).collect(Collectors.toList()));
    }

    @Test
    void clusterIsUnavailableBeforeInit() {
        fails(ApiException.Kind.UNAVAILABLE, api::cluster);
    }

    @Test
    void modeDefaultsToOneReplica() {
        String id = api.createService(new ServiceSpec("x", null, service("x", "nginx", 1).taskTemplate(), null, null));
        assertEquals(ServiceMode.replicated(1), api.getService(id).spec().mode());
        String empty = api.createService(new ServiceSpec("y", null, service("y", "nginx", 1).taskTemplate(), new ServiceMode(null, null), null));
        assertEquals(ServiceMode.replicated(1), api.getService(empty).spec().mode());
    }

    private static TaskFilter filter(Map<String, List<String>> args) { return TaskFilter.fromArgs(args); }

    private static List<String> ids(List<Task> tasks) { return tasks.stream().map(Task::id).collect(Collectors.toList()); }
}
