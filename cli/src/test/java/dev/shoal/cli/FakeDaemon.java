package dev.shoal.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny HTTP server for tests: answers canned bodies by "METHOD /path" and records every request. */
final class FakeDaemon implements AutoCloseable {
    /** One recorded request; {@code query} is URL-decoded. */
    record Request(String method, String path, String query, String body) {
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeDaemon() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = ex.getRequestURI().getRawPath();
            String rawQuery = ex.getRequestURI().getRawQuery();
            String decodedPath = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            requests.add(new Request(ex.getRequestMethod(), decodedPath,
                    rawQuery == null ? null : URLDecoder.decode(rawQuery, StandardCharsets.UTF_8), body));
            Answer a = answers.getOrDefault(ex.getRequestMethod() + " " + decodedPath,
                    new Answer(404, "{\"message\":\"page not found\"}"));
            byte[] out = a.body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    /** Answers {@code method path} (no query) with the status and body. */
    FakeDaemon on(String method, String path, int status, String body) {
        answers.put(method + " " + path, new Answer(status, body));
        return this;
    }

    /** The address for {@code --host}. */
    String host() { return "tcp://127.0.0.1:" + server.getAddress().getPort(); }

    /** The recorded requests with the given method. */
    List<Request> requests(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
