package dev.shoal.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shoal.stack.model.StackConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a loaded stack as {@code docker stack config} does: Docker's keys, Docker's omission of
 * empty values, maps sorted by key, durations and sizes in Go's form, two-space block YAML.
 */
public final class StackYaml {
    private StackYaml() {
    }

    /** The Jackson mapper for the stack model (binding the normalised tree and printing it). */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // mapstructure drops keys the types do not know (the schema lets a few through); so do we
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
    }

    /** The stack as a plain tree of maps, lists and scalars, with Docker's keys. */
    public static Object toTree(StackConfig config) {
        return plain(mapper().valueToTree(config));
    }

    /** The stack as YAML text. */
    public static String write(StackConfig config) {
        return DockerYaml.write(toTree(config));
    }

    private static Object plain(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), plain(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(plain(x)));
            return l;
        }
        if (n.isBoolean()) return n.booleanValue();
        if (n.isIntegralNumber()) return n.isBigInteger() ? n.bigIntegerValue() : (Object) n.longValue();
        if (n.isNumber()) return n.doubleValue();
        return n.asText();
    }
}
