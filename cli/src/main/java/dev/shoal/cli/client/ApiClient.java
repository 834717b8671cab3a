package dev.shoal.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.shoal.model.Cluster;
import dev.shoal.model.Config;
import dev.shoal.model.ConfigSpec;
import dev.shoal.model.Network;
import dev.shoal.model.Secret;
import dev.shoal.model.SecretSpec;
import dev.shoal.model.Json;
import dev.shoal.model.Node;
import dev.shoal.model.NodeSpec;
import dev.shoal.model.PortConfig;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.Task;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The client side of the control API ({@code docs/control-api.md}): one method per call, model
 * objects in and out. Daemon errors surface as {@link ApiException}, an unreachable daemon as
 * {@link DaemonUnreachableException}. Thread-safe.
 */
public final class ApiClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final DaemonAddress address;
    private final URI base;
    private final ObjectMapper mapper = Json.newMapper();

    public ApiClient(DaemonAddress address) {
        this.address = address;
        this.base = address.httpBase();
    }

    /** The address this client dials. */
    public DaemonAddress address() { return address; }

    /** The mapper used for the wire format (the model's {@link Json#newMapper()}). */
    public ObjectMapper mapper() { return mapper; }

    /** {@code GET /info}: the answering node's swarm state. */
    public SwarmInfo info() {
        JsonNode swarm = call("GET", "/info", null).path("Swarm");
        return new SwarmInfo(swarm.path("NodeID").asText(""), swarm.path("NodeAddr").asText(""),
                swarm.path("LocalNodeState").asText(""), swarm.path("ControlAvailable").asBoolean(false));
    }

    /** {@code POST /swarm/init}: makes the answering node the first manager; returns its node id. */
    public String initSwarm(InitRequest request) {
        return call("POST", "/swarm/init", request).asText();
    }

    /** {@code POST /swarm/join}: joins the swarm of the given managers with the token's role; returns the new node id. */
    public String joinSwarm(JoinRequest request) {
        return call("POST", "/swarm/join", request).asText();
    }

    /** {@code POST /swarm/leave[?force=true]}: the answering node leaves its swarm. */
    public void leaveSwarm(boolean force) {
        call("POST", "/swarm/leave" + (force ? "?force=true" : ""), null);
    }

    /** {@code POST /swarm/update?rotateWorkerToken=…&rotateManagerToken=…}: replaces join tokens; returns the cluster. */
    public Cluster rotateJoinTokens(boolean worker, boolean manager) {
        return convert(call("POST", "/swarm/update?rotateWorkerToken=" + worker + "&rotateManagerToken=" + manager, null), Cluster.class);
    }

    /** {@code DELETE /nodes/{id}[?force=true]}: removes a node from the swarm. */
    public void removeNode(String ref, boolean force) {
        call("DELETE", "/nodes/" + encode(ref) + (force ? "?force=true" : ""), null);
    }

    /** {@code GET /networks}: the swarm's networks. */
    public List<Network> networks() { return convertList(call("GET", "/networks", null), Network.class); }

    /** {@code GET /networks/{id}}. */
    public JsonNode networkJson(String ref) { return call("GET", "/networks/" + encode(ref), null); }

    /** {@code POST /networks/create}; returns the new network's id. */
    public String createNetwork(NetworkCreate request) { return call("POST", "/networks/create", request).path("Id").asText(); }

    /** {@code DELETE /networks/{id}}. */
    public void removeNetwork(String ref) { call("DELETE", "/networks/" + encode(ref), null); }

    /** {@code GET /secrets}: the secrets, without values. */
    public List<Secret> secrets() { return convertList(call("GET", "/secrets", null), Secret.class); }

    /** {@code GET /secrets/{id}} (never with the value). */
    public JsonNode secretJson(String ref) { return call("GET", "/secrets/" + encode(ref), null); }

    /** {@code POST /secrets/create}; returns the new secret's id. */
    public String createSecret(SecretSpec spec) { return call("POST", "/secrets/create", spec).path("ID").asText(); }

    /** {@code DELETE /secrets/{id}}. */
    public void removeSecret(String ref) { call("DELETE", "/secrets/" + encode(ref), null); }

    /** {@code GET /configs}. */
    public List<Config> configs() { return convertList(call("GET", "/configs", null), Config.class); }

    /** {@code GET /configs/{id}}. */
    public JsonNode configJson(String ref) { return call("GET", "/configs/" + encode(ref), null); }

    /** {@code POST /configs/create}; returns the new config's id. */
    public String createConfig(ConfigSpec spec) { return call("POST", "/configs/create", spec).path("ID").asText(); }

    /** {@code DELETE /configs/{id}}. */
    public void removeConfig(String ref) { call("DELETE", "/configs/" + encode(ref), null); }

    /** {@code GET /swarm}: the cluster object. */
    public Cluster cluster() { return convert(call("GET", "/swarm", null), Cluster.class); }

    /** {@code GET /nodes}. */
    public List<Node> nodes() { return convertList(call("GET", "/nodes", null), Node.class); }

    /** {@code GET /nodes/{id}}: by id, unique id prefix or hostname. */
    public Node node(String ref) { return convert(nodeJson(ref), Node.class); }

    /** {@code GET /nodes/{id}} as the daemon sent it, for inspect. */
    public JsonNode nodeJson(String ref) { return call("GET", "/nodes/" + encode(ref), null); }

    /** {@code POST /nodes/{id}/update?version=N}: replaces the node's spec. */
    public void updateNode(String id, long version, NodeSpec spec) {
        call("POST", "/nodes/" + encode(id) + "/update?version=" + version, spec);
    }

    /** {@code GET /services?status=true}: every service with its task counts. */
    public List<ServiceEntry> services() {
        List<ServiceEntry> out = new ArrayList<>();
        for (JsonNode n : array(call("GET", "/services?status=true", null))) {
            JsonNode st = n.get("ServiceStatus");
            ServiceStatus status = st == null || st.isNull() ? null
                    : new ServiceStatus(st.path("RunningTasks").asLong(0), st.path("DesiredTasks").asLong(0),
                            st.path("CompletedTasks").asLong(0));
            out.add(new ServiceEntry(convert(n, Service.class), status));
        }
        return out;
    }

    /** {@code GET /services/{id}}: by id, name or unique id prefix. */
    public Service service(String ref) { return convert(serviceJson(ref), Service.class); }

    /** {@code GET /services/{id}} as the daemon sent it, for inspect. */
    public JsonNode serviceJson(String ref) { return call("GET", "/services/" + encode(ref), null); }

    /** {@code POST /services/create}: returns the new service's id and the daemon's warnings. */
    public CreateResult createService(ServiceSpec spec) {
        JsonNode n = call("POST", "/services/create", spec);
        return new CreateResult(n.path("ID").asText(""), strings(n.path("Warnings")));
    }

    /** {@code POST /services/{id}/update?version=N}: returns the daemon's warnings. */
    public List<String> updateService(String id, long version, ServiceSpec spec) {
        return strings(call("POST", "/services/" + encode(id) + "/update?version=" + version, spec).path("Warnings"));
    }

    /** {@code POST /services/{id}/update?rollback=previous}: puts back the service's previous spec (the body is Docker's, unused). */
    public List<String> rollbackService(String id, long version, ServiceSpec current) {
        return strings(call("POST", "/services/" + encode(id) + "/update?version=" + version + "&rollback=previous", current).path("Warnings"));
    }

    /** {@code DELETE /services/{id}}. */
    public void removeService(String ref) { call("DELETE", "/services/" + encode(ref), null); }

    /** {@code GET /tasks?filters=...}; filters as Docker's ({@code service}, {@code node}, {@code desired-state}). */
    public List<TaskEntry> tasks(Map<String, List<String>> filters) {
        String path = "/tasks";
        if (filters != null && !filters.isEmpty()) path += "?filters=" + encode(write(filters));
        List<TaskEntry> out = new ArrayList<>();
        for (JsonNode n : array(call("GET", path, null))) {
            List<PortConfig> ports = convertList(n.path("Status").path("PortStatus").path("Ports"), PortConfig.class);
            out.add(new TaskEntry(convert(n, Task.class), ports));
        }
        return out;
    }

    /**
     * The id the daemon gave a new service and its warnings.
     *
     * @param id       the service id
     * @param warnings warnings to show the user
     */
    public record CreateResult(String id, List<String> warnings) {
    }

    /**
     * One request. Plain {@link HttpURLConnection} rather than {@code java.net.http}: the latter sets up TLS
     * even for {@code http://}, which costs a short-lived CLI more start-up time than the call itself.
     */
    private JsonNode call(String method, String path, Object body) {
        int status;
        String text;
        try {
            HttpURLConnection c = (HttpURLConnection) base.resolve(path).toURL().openConnection();
            c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            c.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
            c.setRequestMethod(method);
            c.setRequestProperty("Accept", "application/json");
            if (body != null) {
                byte[] bytes = write(body).getBytes(StandardCharsets.UTF_8);
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                c.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream os = c.getOutputStream()) {
                    os.write(bytes);
                }
            }
            status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (in != null) in.close();
        } catch (IOException e) {
            throw new DaemonUnreachableException(address, e);
        }
        if (status >= 400) throw new ApiException(status, errorMessage(status, text));
        if (text.isBlank()) return mapper.nullNode();
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ApiException(status, "malformed answer to " + method + " " + path + ": " + e.getOriginalMessage());
        }
    }

    private String errorMessage(int status, String body) {
        try {
            JsonNode n = mapper.readTree(body);
            if (n != null && n.hasNonNull("message")) return n.get("message").asText();
        } catch (JsonProcessingException e) {
            // not JSON: use the text itself
        }
        String t = body.strip();
        return t.isEmpty() ? "HTTP " + status : t;
    }

    private <T> T convert(JsonNode n, Class<T> type) {
        try {
            return mapper.treeToValue(n, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ApiException(500, "malformed " + type.getSimpleName() + " from daemon: " + e.getMessage());
        }
    }

    private <T> List<T> convertList(JsonNode n, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (n == null || !n.isArray()) return out;
        for (JsonNode e : n) out.add(convert(e, type));
        return out;
    }

    private static Iterable<JsonNode> array(JsonNode n) {
        return n != null && n.isArray() ? (ArrayNode) n : List.of();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) for (JsonNode e : n) out.add(e.asText());
        return out;
    }

    private String write(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode request: " + e.getMessage(), e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
