package dev.shoal.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes variables in every string value of a parsed stack file, as docker/cli's
 * {@code template} and {@code interpolation} packages do, then casts the values of typed keys.
 *
 * <p>{@code $VAR} and {@code ${VAR}} (an unset variable gives ""), {@code ${VAR:-default}} (unset
 * or empty), {@code ${VAR-default}} (unset only), {@code ${VAR:?message}} (error if unset or
 * empty), {@code ${VAR?message}} (error if unset), {@code $$} for a literal {@code $}. Keys are never
 * interpolated. A default is literal text up to the first {@code }} and is not itself interpolated.
 * A value whose text changed is then cast for the keys whose schema type is not a string (replicas,
 * ports, modes, booleans such as {@code read_only}, ...); a value that did not change is left as is.
 */
public final class Interpolator {
    private static final String SUBST = "[_a-z][_a-z0-9]*(?::?[-?][^}]*)?";
    private static final Pattern PATTERN = Pattern.compile(
            "\\$(?i:(?<escaped>\\$)|(?<named>" + SUBST + ")|\\{(?<braced>" + SUBST + ")\\}|(?<invalid>))");

    /** Key paths (with {@code *} for any key and {@code []} for any list item) whose value is cast after substitution. */
    private static final Map<String, Function<String, Object>> CASTS = casts();

    private final Map<String, String> env;

    /**
     * An interpolator reading variables from the given environment only.
     *
     * @param env the variables ({@code .env} files are not read, as with {@code docker stack deploy})
     */
    public Interpolator(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    private static Map<String, Function<String, Object>> casts() {
        Map<String, Function<String, Object>> m = new LinkedHashMap<>();
        String s = "services.*.";
        Function<String, Object> toInt = Interpolator::toInt;
        Function<String, Object> toBool = Interpolator::toBoolean;
        Function<String, Object> toFloat = Interpolator::toFloat;
        m.put(s + "configs.[].mode", toInt);
        m.put(s + "secrets.[].mode", toInt);
        m.put(s + "healthcheck.retries", toInt);
        m.put(s + "healthcheck.disable", toBool);
        m.put(s + "deploy.replicas", toInt);
        m.put(s + "deploy.update_config.parallelism", toInt);
        m.put(s + "deploy.update_config.max_failure_ratio", toFloat);
        m.put(s + "deploy.rollback_config.parallelism", toInt);
        m.put(s + "deploy.rollback_config.max_failure_ratio", toFloat);
        m.put(s + "deploy.restart_policy.max_attempts", toInt);
        m.put(s + "deploy.placement.max_replicas_per_node", toInt);
        m.put(s + "ports.[].target", toInt);
        m.put(s + "ports.[].published", toInt);
        m.put(s + "ulimits.*", toInt);
        m.put(s + "ulimits.*.hard", toInt);
        m.put(s + "ulimits.*.soft", toInt);
        m.put(s + "privileged", toBool);
        m.put(s + "oom_score_adj", toInt);
        m.put(s + "read_only", toBool);
        m.put(s + "stdin_open", toBool);
        m.put(s + "tty", toBool);
        m.put(s + "volumes.[].read_only", toBool);
        m.put(s + "volumes.[].volume.nocopy", toBool);
        m.put("networks.*.external", toBool);
        m.put("networks.*.internal", toBool);
        m.put("networks.*.attachable", toBool);
        m.put("volumes.*.external", toBool);
        m.put("secrets.*.external", toBool);
        m.put("configs.*.external", toBool);
        return Map.copyOf(m);
    }

    /**
     * Interpolates a whole parsed file.
     *
     * @param config the file's top-level mapping
     * @return a new tree with substituted and cast values
     * @throws InterpolationException with Docker's message ("invalid interpolation format for
     *                                services.a.image: ...", "error while interpolating ...")
     */
    public Map<String, Object> interpolate(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            out.put(e.getKey(), walk(e.getValue(), e.getKey()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object walk(Object value, String path) {
        if (value instanceof String) {
            String v = (String) value;
            String nv;
            try {
                nv = substitute(v);
            } catch (InvalidTemplate e) {
                throw new InterpolationException(path, "invalid interpolation format for " + path + ": " + goQuote(e.template)
                        + "; you may need to escape any $ with another $");
            }
            if (nv.equals(v)) return v;
            Function<String, Object> cast = castFor(path);
            if (cast == null) return nv;
            try {
                return cast.apply(nv);
            } catch (IllegalArgumentException e) {
                throw new InterpolationException(path, "error while interpolating " + path + ": failed to cast to expected type: " + e.getMessage());
            }
        }
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                out.put(e.getKey(), walk(e.getValue(), path + "." + e.getKey()));
            }
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object item : (List<Object>) value) out.add(walk(item, path + ".[]"));
            return out;
        }
        return value;
    }

    private static Function<String, Object> castFor(String path) {
        String[] parts = path.split("\\.", -1);
        for (Map.Entry<String, Function<String, Object>> e : CASTS.entrySet()) {
            String[] pat = e.getKey().split("\\.", -1);
            if (pat.length != parts.length) continue;
            boolean ok = true;
            for (int i = 0; i < pat.length && ok; i++) {
                ok = pat[i].equals("*") || pat[i].equals(parts[i]);
            }
            if (ok) return e.getValue();
        }
        return null;
    }

    /**
     * Substitutes the variables of one string (docker/cli {@code template.Substitute}).
     *
     * @throws InvalidTemplate when the text is not a valid template or a required variable is missing
     */
    String substitute(String template) {
        Matcher m = PATTERN.matcher(template);
        StringBuilder sb = new StringBuilder();
        // As in Go, the error of one match is overwritten by the outcome of the next ones.
        InvalidTemplate err = null;
        int last = 0;
        while (m.find()) {
            sb.append(template, last, m.start());
            last = m.end();
            if (m.group("escaped") != null) {
                sb.append('$');
                continue;
            }
            String substitution = m.group("named");
            if (substitution == null || substitution.isEmpty()) substitution = m.group("braced");
            if (substitution == null || substitution.isEmpty()) {
                err = new InvalidTemplate(template);
                continue;
            }
            String value = null;
            boolean applied = false;
            err = null;
            try {
                String[] r = softDefault(substitution);
                if (r == null) r = hardDefault(substitution);
                if (r == null) r = required(substitution, ":?", true);
                if (r == null) r = required(substitution, "?", false);
                if (r != null) {
                    applied = true;
                    value = r[0];
                }
            } catch (InvalidTemplate e) {
                err = e;
                continue;
            }
            if (!applied) {
                String v = env.get(substitution);
                value = v == null ? "" : v;
            }
            sb.append(value);
        }
        sb.append(template.substring(last));
        if (err != null) throw err;
        return sb.toString();
    }

    private String[] softDefault(String s) {
        int i = s.indexOf(":-");
        if (i < 0) return null;
        String v = env.get(s.substring(0, i));
        return new String[] {v == null || v.isEmpty() ? s.substring(i + 2) : v};
    }

    private String[] hardDefault(String s) {
        int i = s.indexOf('-');
        if (i < 0) return null;
        String v = env.get(s.substring(0, i));
        return new String[] {v == null ? s.substring(i + 1) : v};
    }

    private String[] required(String s, String sep, boolean nonEmpty) {
        int i = s.indexOf(sep);
        if (i < 0) return null;
        String name = s.substring(0, i);
        String v = env.get(name);
        if (v == null || (nonEmpty && v.isEmpty())) {
            throw new InvalidTemplate("required variable " + name + " is missing a value: " + s.substring(i + sep.length()));
        }
        return new String[] {v};
    }

    static Object toInt(String v) {
        try {
            String t = v.startsWith("+") ? v.substring(1) : v;
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.Atoi: parsing " + goQuote(v) + ": invalid syntax");
        }
    }

    static Object toFloat(String v) {
        try {
            if (v.isBlank() || !v.strip().equals(v)) throw new NumberFormatException();
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.ParseFloat: parsing " + goQuote(v) + ": invalid syntax");
        }
    }

    static Object toBoolean(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "y":
            case "yes":
            case "true":
            case "on":
                return Boolean.TRUE;
            case "n":
            case "no":
            case "false":
            case "off":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException("invalid boolean: " + v);
        }
    }

    /** Go's {@code %#v} of a string: double-quoted with Go escapes. */
    static String goQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\t': sb.append("\\t"); break;
                case '\r': sb.append("\\r"); break;
                default:
                    if (c < 0x20 || c == 0x7f) sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    else sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** A template that cannot be substituted; {@code template} is what Docker quotes in its message. */
    static final class InvalidTemplate extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String template;

        InvalidTemplate(String template) {
            super(template, null, false, false);
            this.template = template;
        }
    }

    /** An interpolation failure at a key path; the message is Docker's. */
    public static final class InterpolationException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String path;

        InterpolationException(String path, String message) {
            super(message);
            this.path = path;
        }

        /** The key path of the failing value, with {@code []} for list items. */
        public String path() { return path; }
    }
}
