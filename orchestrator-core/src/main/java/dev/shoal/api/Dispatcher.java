package dev.shoal.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.manager.controlapi.ApiException;
import dev.shoal.store.StoreException;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one request (method, URI, body) into one response, transport aside: strips an optional
 * {@code /v1.41}-style version prefix, routes, refuses manager-only routes on a non-manager (503),
 * and maps every failure to Docker's error body {@code {"message": "..."}} with its status. Never
 * throws. Thread-safe; it blocks while the handler does, so run it off the event loop.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Pattern VERSION_PREFIX = Pattern.compile("^/v[0-9]+(?:\\.[0-9]+)*(/.*)$");

    private final ObjectMapper json;
    private final LocalNode node;
    private final Router router;

    Dispatcher(ObjectMapper json, LocalNode node) {
        this.json = json;
        this.node = node;
        this.router = new Routes(json, node).router();
    }

    ApiResponse dispatch(String method, String uri, byte[] body) {
        try {
            QueryStringDecoder decoder = new QueryStringDecoder(uri);
            String path = normalise(decoder.path());
            Router.Match m = router.match(method, path);
            if (m.route() == null) {
                if (m.pathKnown()) return error(405, "method " + method + " is not allowed on " + path);
                return error(404, "page not found");
            }
            if (m.route().managerOnly() && node.controlApi().isEmpty()) throw ApiException.notAManager();
            ApiResponse r = m.route().handler().handle(new ApiRequest(method, path, m.params(), decoder.parameters(), body));
            return method.equals("HEAD") ? new ApiResponse(r.status(), r.contentType(), new byte[0]) : r;
        } catch (ApiException e) {
            return error(e.httpStatus(), e.getMessage());
        } catch (StoreException e) {
            ApiException a = ApiException.fromStore(e);
            return error(a.httpStatus(), a.getMessage());
        } catch (Exception e) {
            LOG.warn("{} {} failed", method, uri, e);
            return error(500, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static String normalise(String path) {
        Matcher v = VERSION_PREFIX.matcher(path);
        if (v.matches()) path = v.group(1);
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return path.isEmpty() ? "/" : path;
    }

    private ApiResponse error(int status, String message) {
        try {
            return ApiResponse.json(status, json.writeValueAsBytes(Map.of("message", message == null ? "" : message)));
        } catch (Exception e) {
            return ApiResponse.text(500, "cannot print the error: " + e);
        }
    }
}
