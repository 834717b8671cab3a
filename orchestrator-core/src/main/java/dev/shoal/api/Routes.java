package dev.shoal.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoal.manager.controlapi.ApiException;
import dev.shoal.manager.controlapi.ControlApi;
import dev.shoal.manager.controlapi.ServiceListing;
import dev.shoal.manager.controlapi.TaskFilter;
import dev.shoal.model.ConfigSpec;
import dev.shoal.model.NodeSpec;
import dev.shoal.model.SecretSpec;
import dev.shoal.model.ServiceSpec;
import java.util.List;
import java.util.Map;

/**
 * The control API's route table (docs/control-api.md). Handlers only parse the request, call
 * {@link LocalNode} or {@link ControlApi}, and print the answer. Thread-safe.
 */
final class Routes {
    private final ObjectMapper json;
    private final LocalNode node;
    private final JsonBodies bodies;

    Routes(ObjectMapper json, LocalNode node) {
        this.json = json;
        this.node = node;
        this.bodies = new JsonBodies(json);
    }

    Router router() {
        return new Router()
                .add("GET", "/_ping", false, r -> ApiResponse.text(200, "OK"))
                .add("GET", "/info", false, r -> ok(Map.of("Swarm", node.info())))
                .add("POST", "/swarm/init", false, r -> ok(node.initSwarm(
                        r.hasBody() ? bodies.read(r.body(), InitRequest.class, "SwarmInitRequest") : InitRequest.DEFAULTS)))
                .add("POST", "/swarm/join", false, r -> {
                    if (!r.hasBody()) throw ApiException.invalid("a SwarmJoinRequest must be provided in the request body");
                    return ok(node.joinSwarm(bodies.read(r.body(), JoinRequest.class, "SwarmJoinRequest")));
                })
                .add("POST", "/swarm/leave", false, r -> {
                    node.leaveSwarm(r.flag("force"));
                    return ApiResponse.empty(200);
                })
                .add("GET", "/swarm", true, r -> ok(api().cluster()))
                .add("POST", "/swarm/update", true, r -> ok(api().rotateJoinTokens(r.flag("rotateWorkerToken"), r.flag("rotateManagerToken"))))
                .add("GET", "/nodes", true, r -> ok(api().listNodes()))
                .add("GET", "/nodes/{id}", true, r -> ok(api().getNode(r.param("id"))))
                .add("POST", "/nodes/{id}/update", true, r -> {
                    if (!r.hasBody()) throw ApiException.invalid("a NodeSpec must be provided in the request body");
                    api().updateNode(r.param("id"), version("node", r.query("version")), bodies.read(r.body(), NodeSpec.class, "NodeSpec"));
                    return ApiResponse.empty(200);
                })
                .add("DELETE", "/nodes/{id}", true, r -> {
                    api().removeNode(r.param("id"), r.flag("force"));
                    return ApiResponse.empty(200);
                })
                .add("GET", "/services", true, r -> ok(services(api().listServices(r.flag("status")))))
                .add("POST", "/services/create", true, r -> {
                    String id = api().createService(spec(r));
                    return ApiResponse.json(201, json.writeValueAsBytes(Map.of("ID", id, "Warnings", List.of())));
                })
                .add("GET", "/services/{id}", true, r -> ok(api().getService(r.param("id"))))
                .add("POST", "/services/{id}/update", true, r -> {
                    String rollback = r.query("rollback");
                    if (rollback != null && !rollback.isEmpty() && !rollback.equals("previous")) {
                        throw ApiException.invalid("invalid rollback \"" + rollback + "\": the only rollback is \"previous\"");
                    }
                    if ("previous".equals(rollback)) {
                        // As Docker's daemon: the body (the client sends the current spec) is not used.
                        api().rollbackService(r.param("id"), version("service", r.query("version")));
                        return ok(Map.of("Warnings", List.of()));
                    }
                    api().updateService(r.param("id"), version("service", r.query("version")), spec(r));
                    return ok(Map.of("Warnings", List.of()));
                })
                .add("DELETE", "/services/{id}", true, r -> {
                    api().removeService(r.param("id"));
                    return ApiResponse.empty(200);
                })
                .add("GET", "/networks", true, r -> ok(api().resources().listNetworks()))
                .add("POST", "/networks/create", true, r -> {
                    if (!r.hasBody()) throw ApiException.invalid("a NetworkCreateRequest must be provided in the request body");
                    String id = api().resources().createNetwork(bodies.read(r.body(), NetworkCreateRequest.class, "NetworkCreateRequest").toSpec());
                    return ApiResponse.json(201, json.writeValueAsBytes(Map.of("Id", id, "Warning", "")));
                })
                .add("GET", "/networks/{id}", true, r -> ok(api().resources().getNetwork(r.param("id"))))
                .add("DELETE", "/networks/{id}", true, r -> {
                    api().resources().removeNetwork(r.param("id"));
                    return ApiResponse.empty(204);
                })
                .add("GET", "/secrets", true, r -> ok(api().resources().listSecrets()))
                .add("POST", "/secrets/create", true, r -> {
                    if (!r.hasBody()) throw ApiException.invalid("a SecretSpec must be provided in the request body");
                    String id = api().resources().createSecret(bodies.read(r.body(), SecretSpec.class, "SecretSpec"));
                    return ApiResponse.json(201, json.writeValueAsBytes(Map.of("ID", id)));
                })
                .add("GET", "/secrets/{id}", true, r -> ok(api().resources().getSecret(r.param("id"))))
                .add("DELETE", "/secrets/{id}", true, r -> {
                    api().resources().removeSecret(r.param("id"));
                    return ApiResponse.empty(204);
                })
                .add("GET", "/configs", true, r -> ok(api().resources().listConfigs()))
                .add("POST", "/configs/create", true, r -> {
                    if (!r.hasBody()) throw ApiException.invalid("a ConfigSpec must be provided in the request body");
                    String id = api().resources().createConfig(bodies.read(r.body(), ConfigSpec.class, "ConfigSpec"));
                    return ApiResponse.json(201, json.writeValueAsBytes(Map.of("ID", id)));
                })
                .add("GET", "/configs/{id}", true, r -> ok(api().resources().getConfig(r.param("id"))))
                .add("DELETE", "/configs/{id}", true, r -> {
                    api().resources().removeConfig(r.param("id"));
                    return ApiResponse.empty(204);
                })
                .add("GET", "/tasks", true, r -> ok(api().listTasks(TaskFilter.fromArgs(FilterArgs.parse(json, r.query("filters"))))))
                .add("GET", "/tasks/{id}", true, r -> ok(api().getTask(r.param("id"))));
    }

    private ControlApi api() { return node.controlApi().orElseThrow(ApiException::notAManager); }

    private ApiResponse ok(Object body) throws Exception { return ApiResponse.json(200, json.writeValueAsBytes(body)); }

    private ServiceSpec spec(ApiRequest r) {
        if (!r.hasBody()) throw ApiException.invalid("a ServiceSpec must be provided in the request body");
        return bodies.read(r.body(), ServiceSpec.class, "ServiceSpec");
    }

    private List<ObjectNode> services(List<ServiceListing> listings) {
        return listings.stream().map(l -> {
            ObjectNode n = json.valueToTree(l.service());
            if (l.status() != null) n.set("ServiceStatus", json.valueToTree(l.status()));
            return n;
        }).toList();
    }

    private static long version(String what, String raw) {
        if (raw == null || raw.isEmpty()) {
            throw ApiException.invalid("invalid " + what + " version \"\": the version query parameter (the " + what + "'s Version.Index) is required");
        }
        try {
            long v = Long.parseLong(raw);
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("invalid " + what + " version \"" + raw + "\": must be the " + what + "'s Version.Index, a non-negative integer");
        }
    }
}
