package dev.shoal.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Validates a parsed, interpolated stack file against the Compose JSON schema of its own version
 * (v3.0–v3.13, docker/cli's copies, bundled as resources) and reports the first problem as docker
 * does: the draft-04 subset those schemas use, evaluated in gojsonschema's order, then docker's
 * choice of the most specific error and its wording — {@code services.a.image must be a string},
 * {@code services.a.deploy Additional property foo is not allowed},
 * {@code services.a.environment.A must be a string, number or null}. Custom formats: {@code ports}
 * (the short port syntax) and {@code duration} (a Go duration string); other formats pass.
 */
public final class SchemaValidator {
    private static final String RESOURCE_DIR = "/dev/shoal/stack/schema/config_schema_v";
    private static final String[] VERSIONS = {"3.0", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"};

    private final Map<String, JsonNode> schemas;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /** A validator holding every bundled schema version. */
    public SchemaValidator() {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> m = new HashMap<>();
        for (String v : VERSIONS) {
            try (InputStream in = SchemaValidator.class.getResourceAsStream(RESOURCE_DIR + v + ".json")) {
                if (in == null) throw new IllegalStateException("missing schema resource for version " + v);
                m.put(v, mapper.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        this.schemas = Map.copyOf(m);
    }

    /** Whether a schema exists for this (normalised) version. */
    public boolean supports(String version) {
        return schemas.containsKey(version);
    }

    /**
     * Validates one file's tree.
     *
     * @param config  the interpolated top-level mapping
     * @param version the file's normalised version
     * @throws SchemaException naming the key path and Docker's reason, or "unsupported Compose file version"
     */
    public void validate(Map<String, Object> config, String version) {
        JsonNode root = schemas.get(version);
        if (root == null) throw new SchemaException("", "unsupported Compose file version: " + version);
        String bad = nonJson(config);
        if (bad != null) throw new SchemaException("", "json: unsupported value: " + bad);
        Result r = new Result();
        new Run(root).recurse(root, config, r, "(root)");
        if (r.errors.isEmpty()) return;
        Err[] chosen = mostSpecific(r.errors);
        Err parent = chosen[0];
        String description;
        if (parent.type.equals("invalid_type")) {
            description = "must be a " + humanType(parent.expected);
        } else if ((parent.type.equals("number_one_of") || parent.type.equals("number_any_of")) && chosen[1] != null) {
            description = chosen[1].description;
        } else {
            description = parent.description;
        }
        String field = field(parent.context);
        throw new SchemaException(field.equals("(root)") ? "" : field, field + " " + description);
    }

    /** Docker hands the tree to the validator as JSON, which has no infinities or NaN: the first such value, as Go prints it. */
    private static String nonJson(Object o) {
        if (o instanceof Double && (((Double) o).isInfinite() || ((Double) o).isNaN())) return GoFormat.formatFloat((Double) o);
        if (o instanceof Map) {
            for (Object v : ((Map<?, ?>) o).values()) {
                String b = nonJson(v);
                if (b != null) return b;
            }
        }
        if (o instanceof List) {
            for (Object v : (List<?>) o) {
                String b = nonJson(v);
                if (b != null) return b;
            }
        }
        return null;
    }

    private static String field(String context) {
        return context.startsWith("(root).") ? context.substring("(root).".length()) : context;
    }

    private static int specificity(Err e) {
        return field(e.context).split("\\.", -1).length;
    }

    private static Err[] mostSpecific(List<Err> errs) {
        int best = 0;
        for (int i = 0; i < errs.size(); i++) {
            Err e = errs.get(i);
            int s = specificity(e);
            int b = specificity(errs.get(best));
            if (s > b) {
                best = i;
            } else if (s == b && e.type.equals("invalid_type") && !errs.get(best).type.equals("invalid_type")) {
                best = i;
            }
        }
        Err p = errs.get(best);
        if (best + 1 == errs.size()) return new Err[] {p, null};
        if (p.type.equals("number_one_of") || p.type.equals("number_any_of")) return new Err[] {p, errs.get(best + 1)};
        return new Err[] {p, null};
    }

    private static String humanType(String def) {
        if (def.startsWith("[")) {
            String[] all = def.substring(1, def.length() - 1).split(",");
            for (int i = 0; i < all.length; i++) all[i] = humanType(all[i]);
            return String.join(", ", java.util.Arrays.copyOf(all, all.length - 1)) + " or " + all[all.length - 1];
        }
        if (def.equals("object")) return "mapping";
        if (def.equals("array")) return "list";
        return def;
    }

    private static final class Err {
        final String type;
        final String context;
        final String description;
        final String expected;

        Err(String type, String context, String description, String expected) {
            this.type = type;
            this.context = context;
            this.description = description;
            this.expected = expected;
        }
    }

    private static final class Result {
        final List<Err> errors = new ArrayList<>();
        int score;

        void merge(Result other) {
            errors.addAll(other.errors);
            score += other.score;
        }
    }

    /** One validation against one root schema (for {@code $ref} resolution). */
    private final class Run {
        private final JsonNode root;

        Run(JsonNode root) {
            this.root = root;
        }

        private JsonNode deref(JsonNode schema) {
            JsonNode ref = schema.get("$ref");
            int guard = 0;
            while (ref != null && ref.isTextual() && guard++ < 32) {
                String p = ref.asText();
                schema = root.at(p.startsWith("#") ? p.substring(1) : p);
                ref = schema.get("$ref");
            }
            return schema;
        }

        private Result sub(JsonNode schema, Object node, String ctx) {
            Result r = new Result();
            recurse(schema, node, r, ctx);
            return r;
        }

        void recurse(JsonNode schema, Object node, Result r, String ctx) {
            schema = deref(schema);
            List<String> types = new ArrayList<>();
            JsonNode t = schema.get("type");
            if (t != null && t.isTextual()) types.add(t.asText());
            if (t != null && t.isArray()) t.forEach(x -> types.add(x.asText()));
            String expected = types.size() == 1 ? types.get(0) : "[" + String.join(",", types) + "]";
            boolean typed = !types.isEmpty();
            if (node == null) {
                if (typed && !types.contains("null")) {
                    r.errors.add(typeErr(ctx, expected, "null"));
                    return;
                }
                combinators(schema, node, r, ctx);
                common(schema, node, r, ctx);
            } else if (node instanceof Number) {
                boolean isInt = isInteger(node);
                boolean ok = types.contains("number") || (isInt && types.contains("integer"));
                if (typed && !ok) {
                    r.errors.add(typeErr(ctx, expected, isInt ? "integer" : "number"));
                    return;
                }
                combinators(schema, node, r, ctx);
                common(schema, node, r, ctx);
                number(schema, (Number) node, r, ctx);
            } else if (node instanceof List) {
                if (typed && !types.contains("array")) {
                    r.errors.add(typeErr(ctx, expected, "array"));
                    return;
                }
                combinators(schema, node, r, ctx);
                array(schema, (List<?>) node, r, ctx);
                common(schema, node, r, ctx);
            } else if (node instanceof Map) {
                if (typed && !types.contains("object")) {
                    r.errors.add(typeErr(ctx, expected, "object"));
                    return;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) node;
                combinators(schema, node, r, ctx);
                object(schema, map, r, ctx);
                common(schema, node, r, ctx);
                JsonNode props = schema.get("properties");
                if (props != null) {
                    Iterator<Map.Entry<String, JsonNode>> it = props.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> p = it.next();
                        if (map.containsKey(p.getKey())) recurse(p.getValue(), map.get(p.getKey()), r, ctx + "." + p.getKey());
                    }
                }
            } else if (node instanceof Boolean) {
                if (typed && !types.contains("boolean")) {
                    r.errors.add(typeErr(ctx, expected, "boolean"));
                    return;
                }
                combinators(schema, node, r, ctx);
                common(schema, node, r, ctx);
            } else {
                if (typed && !types.contains("string")) {
                    r.errors.add(typeErr(ctx, expected, "string"));
                    return;
                }
                combinators(schema, node, r, ctx);
                common(schema, node, r, ctx);
                JsonNode f = schema.get("format");
                if (f != null && !formatOk(f.asText(), node.toString())) {
                    r.errors.add(new Err("format", ctx, "Does not match format '" + f.asText() + "'", null));
                }
            }
            r.score++;
        }

        private Err typeErr(String ctx, String expected, String given) {
            return new Err("invalid_type", ctx, "Invalid type. Expected: " + expected + ", given: " + given, expected);
        }

        private void combinators(JsonNode schema, Object node, Result r, String ctx) {
            JsonNode anyOf = schema.get("anyOf");
            if (anyOf != null && anyOf.size() > 0) {
                boolean valid = false;
                Result best = null;
                for (JsonNode s : anyOf) {
                    if (valid) continue;
                    Result res = sub(s, node, ctx);
                    valid = res.errors.isEmpty();
                    if (!valid && (best == null || res.score > best.score)) best = res;
                }
                if (!valid) {
                    r.errors.add(new Err("number_any_of", ctx, "Must validate at least one schema (anyOf)", null));
                    if (best != null) r.merge(best);
                }
            }
            JsonNode oneOf = schema.get("oneOf");
            if (oneOf != null && oneOf.size() > 0) {
                int validated = 0;
                Result best = null;
                for (JsonNode s : oneOf) {
                    Result res = sub(s, node, ctx);
                    if (res.errors.isEmpty()) {
                        validated++;
                    } else if (validated == 0 && (best == null || res.score > best.score)) {
                        best = res;
                    }
                }
                if (validated != 1) {
                    r.errors.add(new Err("number_one_of", ctx, "Must validate one and only one schema (oneOf)", null));
                    if (validated == 0 && best != null) r.merge(best);
                }
            }
            JsonNode allOf = schema.get("allOf");
            if (allOf != null) {
                for (JsonNode s : allOf) r.merge(sub(s, node, ctx));
            }
        }

        private void common(JsonNode schema, Object node, Result r, String ctx) {
            JsonNode en = schema.get("enum");
            if (en == null) return;
            List<String> allowed = new ArrayList<>();
            boolean found = false;
            for (JsonNode e : en) {
                allowed.add(e.toString());
                if (e.isTextual() && e.asText().equals(node)) found = true;
                if (e.isNull() && node == null) found = true;
                if (e.isNumber() && node instanceof Number && e.decimalValue().compareTo(new java.math.BigDecimal(node.toString())) == 0) found = true;
                if (e.isBoolean() && Boolean.valueOf(e.asBoolean()).equals(node)) found = true;
            }
            if (!found) {
                r.errors.add(new Err("enum", ctx, field(ctx) + " must be one of the following: " + String.join(", ", allowed), null));
            }
        }

        private void number(JsonNode schema, Number n, Result r, String ctx) {
            JsonNode min = schema.get("minimum");
            if (min != null && n.doubleValue() < min.asDouble()) {
                r.errors.add(new Err("number_gte", ctx, "Must be greater than or equal to " + GoFormat.sprint(min.isIntegralNumber() ? (Object) min.asLong() : (Object) min.asDouble()), null));
            }
            JsonNode f = schema.get("format");
            if (f != null) {
                String text = n instanceof Double ? GoFormat.formatFloat((Double) n) : n.toString();
                if (!formatOk(f.asText(), text)) r.errors.add(new Err("format", ctx, "Does not match format '" + f.asText() + "'", null));
            }
        }

        private void array(JsonNode schema, List<?> list, Result r, String ctx) {
            JsonNode items = schema.get("items");
            if (items != null && items.isObject()) {
                for (int i = 0; i < list.size(); i++) recurse(items, list.get(i), r, ctx + "." + i);
            }
            JsonNode unique = schema.get("uniqueItems");
            if (unique != null && unique.asBoolean()) {
                Map<String, Integer> seen = new HashMap<>();
                for (int j = 0; j < list.size(); j++) {
                    String key = canonical(list.get(j));
                    Integer i = seen.get(key);
                    if (i != null) r.errors.add(new Err("unique", ctx, "array items[" + i + "," + j + "] must be unique", null));
                    seen.put(key, j);
                }
            }
        }

        private void object(JsonNode schema, Map<String, Object> map, Result r, String ctx) {
            JsonNode required = schema.get("required");
            if (required != null) {
                for (JsonNode q : required) {
                    if (map.containsKey(q.asText())) {
                        r.score++;
                    } else {
                        r.errors.add(new Err("required", ctx, q.asText() + " is required", null));
                    }
                }
            }
            JsonNode props = schema.get("properties");
            JsonNode pats = schema.get("patternProperties");
            JsonNode additional = schema.get("additionalProperties");
            for (Map.Entry<String, Object> e : map.entrySet()) {
                String k = e.getKey();
                boolean found = props != null && props.has(k);
                boolean matched = false;
                if (pats != null) {
                    Iterator<Map.Entry<String, JsonNode>> it = pats.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> p = it.next();
                        if (patterns.computeIfAbsent(p.getKey(), Pattern::compile).matcher(k).find()) {
                            matched = true;
                            recurse(p.getValue(), e.getValue(), r, ctx + "." + k);
                        }
                    }
                }
                if (!found && !matched && additional != null) {
                    if (additional.isBoolean() && !additional.asBoolean()) {
                        r.errors.add(new Err("additional_property_not_allowed", ctx, "Additional property " + k + " is not allowed", null));
                    } else if (additional.isObject()) {
                        r.merge(sub(additional, e.getValue(), ctx + "." + k));
                    }
                }
            }
        }
    }

    private static boolean isInteger(Object n) {
        if (n instanceof Long || n instanceof Integer || n instanceof BigInteger) return true;
        double d = ((Number) n).doubleValue();
        return !Double.isInfinite(d) && !Double.isNaN(d) && d == Math.rint(d);
    }

    private static String canonical(Object v) {
        if (v instanceof Number && isInteger(v)) return "n:" + new java.math.BigDecimal(v.toString()).toBigInteger();
        if (v instanceof Number) return "n:" + v;
        if (v instanceof Map) {
            StringBuilder sb = new StringBuilder("{");
            new java.util.TreeMap<>((Map<?, ?>) v).forEach((k, x) -> sb.append(k).append('=').append(canonical(x)).append(','));
            return sb.append('}').toString();
        }
        if (v instanceof List) {
            StringBuilder sb = new StringBuilder("[");
            for (Object x : (List<?>) v) sb.append(canonical(x)).append(',');
            return sb.append(']').toString();
        }
        return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
    }

    private static boolean formatOk(String format, String value) {
        switch (format) {
            case "ports":
                return PortSpec.isValid(value);
            case "duration":
                try {
                    GoFormat.parseDuration(value);
                    return true;
                } catch (IllegalArgumentException e) {
                    return false;
                }
            default:
                return true;
        }
    }

    /** A schema violation: the key path (empty for the top level) and Docker's message ("path reason"). */
    public static final class SchemaException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String path;

        SchemaException(String path, String message) {
            super(message);
            this.path = path;
        }

        /** The dotted key path of the offending value, list items by index; empty for the top level. */
        public String path() { return path; }
    }
}
