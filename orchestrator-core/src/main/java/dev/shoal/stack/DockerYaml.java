package dev.shoal.stack;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Reads and writes YAML the way the docker CLI's parser (go-yaml v3) does, on top of snakeyaml-engine.
 *
 * <p>Plain scalars resolve as in go-yaml v3, not YAML 1.1 nor snakeyaml-engine's schemas:
 * {@code 22:22}, {@code yes} and {@code on} are strings; {@code true}/{@code false} (and their
 * capitalised forms) are booleans; integers are read with Go's base prefixes, so {@code 0440} and
 * {@code 0o440} are octal 288 and {@code 0x1F} is hex; {@code .5} and {@code 1e3} are floats;
 * {@code _} separators are dropped from numbers. Anchors, aliases and {@code <<} merge keys work
 * (explicit keys win over merged ones; with a list of merged maps the earlier map wins). A key
 * defined twice in one mapping is an error, as in go-yaml. Timestamps are kept as strings.
 *
 * <p>The result is a tree of {@link LinkedHashMap} (string keys), {@link ArrayList}, {@link String},
 * {@link Long} (or {@link BigInteger} past 64 bits), {@link Double}, {@link Boolean} and null.
 */
public final class DockerYaml {
    /** go-yaml's merge-key tag. */
    private static final Tag MERGE = new Tag("tag:yaml.org,2002:merge");
    private static final Pattern YAML_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Schema SCHEMA = new Schema() {
        @Override
        public ScalarResolver getScalarResolver() {
            return DockerYaml::resolve;
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            return Map.of();
        }
    };

    private DockerYaml() {
    }

    /**
     * Parses one YAML document.
     *
     * @param text the document
     * @return the document's value (null for an empty document)
     * @throws IllegalArgumentException with go-yaml-like wording when the text is not valid YAML or
     *                                  a mapping repeats a key
     */
    public static Object parse(String text) {
        LoadSettings settings = LoadSettings.builder().setSchema(SCHEMA).setAllowDuplicateKeys(true)
                .setCodePointLimit(Integer.MAX_VALUE).build();
        Optional<Node> node;
        try {
            node = new Compose(settings).composeString(text);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("yaml: " + e.getMessage().strip().replaceAll("\\s*\\n\\s*", " "), e);
        }
        if (node.isEmpty()) return null;
        return new Constructor().construct(node.get());
    }

    /**
     * Writes a tree of maps, lists and scalars as block YAML with a two-space indent. Strings that
     * would read back as something else ({@code "3000"}, {@code "true"}, {@code "0440"}, {@code ""})
     * are quoted, so {@link #parse} gives back the same tree.
     */
    public static String write(Object tree) {
        DumpSettings settings = DumpSettings.builder().setSchema(SCHEMA).setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2).setIndicatorIndent(2).setIndentWithIndicator(true).setWidth(Integer.MAX_VALUE)
                .setSplitLines(false).build();
        return new Dump(settings, new Representer(settings)).dumpToString(tree);
    }

    /**
     * Represents a string that would read back as another type ({@code "3.9"}, {@code "true"}) in
     * double quotes, as go-yaml writes it; other strings are left to the emitter (plain when possible).
     */
    private static final class Representer extends StandardRepresenter {
        Representer(DumpSettings settings) {
            super(settings);
            this.representers.put(String.class, data -> {
                String v = (String) data;
                boolean looksTyped = !v.isEmpty() && !Tag.STR.equals(resolve(v, true));
                return representScalar(Tag.STR, v, looksTyped || v.isEmpty() ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN);
            });
        }
    }

    /** The tag go-yaml v3 gives a scalar: plain scalars are resolved, quoted ones are strings. */
    static Tag resolve(String value, Boolean implicit) {
        if (!implicit) return Tag.STR;
        switch (value) {
            case "":
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return Tag.NULL;
            case "true":
            case "True":
            case "TRUE":
            case "false":
            case "False":
            case "FALSE":
                return Tag.BOOL;
            case ".inf":
            case ".Inf":
            case ".INF":
            case "+.inf":
            case "+.Inf":
            case "+.INF":
            case "-.inf":
            case "-.Inf":
            case "-.INF":
            case ".nan":
            case ".NaN":
            case ".NAN":
                return Tag.FLOAT;
            case "<<":
                return MERGE;
            default:
                break;
        }
        char c = value.charAt(0);
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
            Object n = number(value);
            if (n instanceof Double) return Tag.FLOAT;
            if (n != null) return Tag.INT;
        }
        return Tag.STR;
    }

    /** A plain scalar as go-yaml v3 reads a number: Long/BigInteger, Double, or null if it is no number. */
    static Object number(String in) {
        String plain = in.replace("_", "");
        Object i = goParseInt(plain);
        if (i != null) return i;
        if (YAML_FLOAT.matcher(plain).matches()) {
            try {
                return Double.parseDouble(plain);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)}, falling back to ParseUint: sign, then 0x, 0o, 0b or a leading 0 (octal). */
    private static Object goParseInt(String s) {
        if (s.isEmpty()) return null;
        boolean neg = false;
        String body = s;
        if (body.charAt(0) == '+' || body.charAt(0) == '-') {
            neg = body.charAt(0) == '-';
            body = body.substring(1);
        }
        int radix = 10;
        String digits = body;
        String lower = body.toLowerCase();
        if (lower.startsWith("0x")) {
            radix = 16;
            digits = body.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            digits = body.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            digits = body.substring(2);
        } else if (body.length() > 1 && body.charAt(0) == '0') {
            radix = 8;
            digits = body.substring(1);
        }
        if (digits.isEmpty()) return null;
        for (int k = 0; k < digits.length(); k++) {
            if (Character.digit(digits.charAt(k), radix) < 0) return null;
        }
        BigInteger v = new BigInteger(digits, radix);
        if (neg) v = v.negate();
        if (v.bitLength() < 64) return v.longValue();
        if (!neg && v.bitLength() <= 64) return v; // fits uint64
        return null;
    }

    /** Builds Java values from composed nodes, with go-yaml's merge keys and duplicate-key check. */
    private static final class Constructor {
        private final Map<Node, Object> done = new IdentityHashMap<>();

        Object construct(Node node) {
            if (done.containsKey(node)) return done.get(node);
            Object v;
            if (node instanceof ScalarNode) {
                v = scalar((ScalarNode) node);
            } else if (node instanceof SequenceNode) {
                List<Object> list = new ArrayList<>();
                done.put(node, list);
                for (Node item : ((SequenceNode) node).getValue()) list.add(construct(item));
                v = list;
            } else {
                Map<String, Object> map = new LinkedHashMap<>();
                done.put(node, map);
                mapping((MappingNode) node, map);
                v = map;
            }
            done.put(node, v);
            return v;
        }

        private void mapping(MappingNode node, Map<String, Object> map) {
            List<Map<String, Object>> merged = new ArrayList<>();
            Map<String, Mark> seen = new LinkedHashMap<>();
            for (NodeTuple t : node.getValue()) {
                Node k = t.getKeyNode();
                if (k instanceof ScalarNode && MERGE.equals(k.getTag())) {
                    Node mv = t.getValueNode();
                    if (mv instanceof MappingNode) {
                        merged.add(asMap(construct(mv), mv));
                    } else if (mv instanceof SequenceNode) {
                        for (Node item : ((SequenceNode) mv).getValue()) merged.add(asMap(construct(item), item));
                    } else {
                        throw error(mv, "map merge requires map or sequence of maps as the value");
                    }
                    continue;
                }
                Object key = construct(k);
                String name = keyString(key);
                if (seen.containsKey(name)) {
                    throw new IllegalArgumentException("yaml: unmarshal errors:\n  line " + line(k.getStartMark().orElse(null))
                            + ": mapping key \"" + name + "\" already defined at line " + line(seen.get(name)));
                }
                seen.put(name, k.getStartMark().orElse(null));
                map.put(name, construct(t.getValueNode()));
            }
            for (Map<String, Object> m : merged) {
                for (Map.Entry<String, Object> e : m.entrySet()) {
                    if (!seen.containsKey(e.getKey())) {
                        map.put(e.getKey(), e.getValue());
                        seen.put(e.getKey(), null);
                    }
                }
            }
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> asMap(Object v, Node at) {
            if (!(v instanceof Map)) throw error(at, "map merge requires map or sequence of maps as the value");
            return (Map<String, Object>) v;
        }

        private static String keyString(Object key) {
            if (key == null) return "null";
            if (key instanceof Double) return GoFormat.formatFloat((Double) key);
            return key.toString();
        }

        private Object scalar(ScalarNode n) {
            String s = n.getValue();
            Tag tag = n.getTag();
            if (Tag.NULL.equals(tag)) return null;
            if (Tag.BOOL.equals(tag)) {
                switch (s) {
                    case "true":
                    case "True":
                    case "TRUE":
                        return Boolean.TRUE;
                    case "false":
                    case "False":
                    case "FALSE":
                        return Boolean.FALSE;
                    default:
                        throw error(n, "cannot decode !!str `" + s + "` as a !!bool");
                }
            }
            if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
                String low = s.toLowerCase();
                if (low.endsWith(".inf")) return low.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                if (low.equals(".nan")) return Double.NaN;
                Object num = number(s);
                if (num == null) throw error(n, "cannot decode !!str `" + s + "` as a " + (Tag.INT.equals(tag) ? "!!int" : "!!float"));
                if (Tag.FLOAT.equals(tag) && !(num instanceof Double)) return ((Number) num).doubleValue();
                return num;
            }
            if (MERGE.equals(tag)) return "<<";
            return s;
        }

        private static int line(Mark m) {
            return m == null ? 0 : m.getLine() + 1;
        }

        private static IllegalArgumentException error(Node n, String msg) {
            return new IllegalArgumentException("yaml: line " + line(n.getStartMark().orElse(null)) + ": " + msg);
        }
    }
}
