package dev.shoal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.manager.controlapi.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Docker's {@code filters} query parameter: a JSON object from key to either a list of values
 * ({@code {"service":["web"]}}) or a set spelled as an object ({@code {"service":{"web":true}}}).
 * Stateless and thread-safe.
 */
final class FilterArgs {
    private FilterArgs() {}

    /** The filter arguments; an absent or empty parameter is no filter. INVALID for malformed JSON. */
    static Map<String, List<String>> parse(ObjectMapper json, String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) return out;
        JsonNode root;
        try {
            root = json.readTree(raw);
        } catch (IOException e) {
            throw ApiException.invalid("invalid filters " + raw + ": not a JSON object");
        }
        if (root == null || !root.isObject()) throw ApiException.invalid("invalid filters " + raw + ": not a JSON object");
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            List<String> values = new ArrayList<>();
            JsonNode v = f.getValue();
            if (v.isArray()) {
                for (JsonNode e : v) values.add(e.asText());
            } else if (v.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> set = v.fields();
                while (set.hasNext()) {
                    Map.Entry<String, JsonNode> e = set.next();
                    if (e.getValue().asBoolean()) values.add(e.getKey());
                }
            } else if (v.isTextual()) {
                values.add(v.asText());
            } else {
                throw ApiException.invalid("invalid filters " + raw + ": the values of " + f.getKey() + " must be a list of strings");
            }
            out.put(f.getKey(), values);
        }
        return out;
    }
}
