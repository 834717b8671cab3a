package dev.shoal.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a method and a path against patterns such as {@code /services/{id}/update}; a
 * {@code {name}} segment captures one path segment. Built once, then read-only and thread-safe.
 */
final class Router {
    /** A route's work: parse the request, call the API, print the answer. May throw ApiException. */
    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    /** A route: its method, pattern, whether it needs this node to be a manager, and its handler. */
    record Route(String method, String pattern, boolean managerOnly, Handler handler) {
        String[] segments() { return pattern.substring(1).split("/", -1); }
    }

    /** The outcome of a lookup: the route (null when none) and its captured parameters; pathKnown when another method would match. */
    record Match(Route route, Map<String, String> params, boolean pathKnown) {}

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String pattern, boolean managerOnly, Handler handler) {
        routes.add(new Route(method, pattern, managerOnly, handler));
        return this;
    }

    Match match(String method, String path) {
        String[] parts = path.substring(1).split("/", -1);
        boolean pathKnown = false;
        for (Route r : routes) {
            Map<String, String> params = bind(r.segments(), parts);
            if (params == null) continue;
            if (r.method().equals(method) || (method.equals("HEAD") && r.method().equals("GET"))) return new Match(r, params, true);
            pathKnown = true;
        }
        return new Match(null, Map.of(), pathKnown);
    }

    private static Map<String, String> bind(String[] pattern, String[] parts) {
        if (pattern.length != parts.length) return null;
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (parts[i].isEmpty()) return null;
                params.put(p.substring(1, p.length() - 1), parts[i]);
            } else if (!p.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }
}
