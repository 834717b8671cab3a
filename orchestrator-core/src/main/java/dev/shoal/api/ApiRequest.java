package dev.shoal.api;

import dev.shoal.manager.controlapi.ApiException;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as a route handler sees it: the path parameters its pattern captured, the decoded
 * query parameters and the raw body. Immutable apart from the body array, which handlers only read.
 */
record ApiRequest(String method, String path, Map<String, String> pathParams, Map<String, List<String>> query, byte[] body) {

    String param(String name) { return pathParams.get(name); }

    /** The first value of query parameter {@code name}, or null. */
    String query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** A query flag as Go's strconv.ParseBool reads it (1, t, true, …); absent is false; anything else is INVALID. */
    boolean flag(String name) {
        String v = query(name);
        if (v == null || v.isEmpty()) return false;
        switch (v) {
            case "1": case "t": case "T": case "true": case "TRUE": case "True": return true;
            case "0": case "f": case "F": case "false": case "FALSE": case "False": return false;
            default: throw ApiException.invalid("invalid value \"" + v + "\" for query parameter " + name + ": must be true or false");
        }
    }

    boolean hasBody() { return body.length > 0 && !new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank(); }
}
