package dev.shoal.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns one validated, interpolated stack file into the normalised tree {@code docker stack config}
 * prints (docker/cli's transform step and the path and environment resolution after it): short
 * syntaxes expanded (ports, volumes, secret and config references, service networks), list-or-map
 * keys made maps, string commands shell-split, durations and sizes re-printed as Go prints them,
 * relative paths made absolute against the file's directory, {@code env_file} and null environment
 * values resolved, external resources named, extension keys kept where Docker keeps them.
 *
 * <p>The tree uses Docker's keys, so it binds directly onto the {@code dev.shoal.stack.model}
 * records. Go zero values of non-pointer fields (an empty duration, a zero size) are dropped, so a
 * later merge treats them as unset, as Docker's does.
 */
final class Normaliser {
    private static final Set<String> PROPAGATIONS = Set.of("rprivate", "private", "rshared", "shared", "rslave", "slave");

    private final String file;
    private final Path workDir;
    private final Map<String, String> env;
    private final String version;
    private final Consumer<String> warn;

    /**
     * @param file    the file name, for errors
     * @param workDir the directory relative paths are resolved against (the first file's directory)
     * @param env     the variables for null environment values and {@code ~}
     * @param version the file's normalised version
     * @param warn    receives Docker's warnings
     */
    Normaliser(String file, Path workDir, Map<String, String> env, String version, Consumer<String> warn) {
        this.file = file;
        this.workDir = workDir;
        this.env = env;
        this.version = version;
        this.warn = warn;
    }

    private StackFileException error(String path, String reason) {
        return new StackFileException(file, path, reason);
    }

    Map<String, Object> normalise(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", version);
        Map<String, Object> services = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : section(config, "services").entrySet()) {
            services.put(e.getKey(), service(e.getKey(), asMap(e.getValue())));
        }
        out.put("services", services);
        out.put("networks", resources(config, "networks", this::network));
        out.put("volumes", resources(config, "volumes", this::volume));
        out.put("secrets", resources(config, "secrets", (n, m) -> fileObject(n, m, "secret")));
        out.put("configs", resources(config, "configs", (n, m) -> fileObject(n, m, "config")));
        out.putAll(extras(config));
        return out;
    }

    private interface ResourceFn {
        Map<String, Object> apply(String name, Map<String, Object> def);
    }

    private Map<String, Object> resources(Map<String, Object> config, String key, ResourceFn fn) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : section(config, key).entrySet()) {
            Map<String, Object> def = e.getValue() == null ? new LinkedHashMap<>() : asMap(e.getValue());
            out.put(e.getKey(), fn.apply(e.getKey(), def));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o == null ? new LinkedHashMap<>() : (Map<String, Object>) o;
    }

    private static Map<String, Object> section(Map<String, Object> config, String key) {
        Object v = config.get(key);
        return v instanceof Map ? asMap(v) : Map.of();
    }

    private static Map<String, Object> extras(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k.startsWith("x-")) out.put(k, v);
        });
        return out;
    }

    // ---- services

    private Map<String, Object> service(String name, Map<String, Object> in) {
        String p = "services." + name;
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            if (v == null) continue;
            switch (k) {
                case "build":
                    out.put(k, build(v));
                    break;
                case "command":
                case "entrypoint":
                    out.put(k, shellCommand(v, p + "." + k));
                    break;
                case "configs":
                case "secrets":
                    out.put(k, fileRefs(v));
                    break;
                case "deploy":
                    out.put(k, deploy(asMap(v), p + ".deploy"));
                    break;
                case "dns":
                case "dns_search":
                case "env_file":
                case "tmpfs":
                    out.put(k, stringList(v));
                    break;
                case "environment":
                    out.put(k, mapping(v, true));
                    break;
                case "expose":
                case "cap_add":
                case "cap_drop":
                case "depends_on":
                case "devices":
                case "external_links":
                case "links":
                case "security_opt":
                    out.put(k, sprintList(v));
                    break;
                case "extra_hosts":
                    out.put(k, hostsList(v));
                    break;
                case "healthcheck":
                    out.put(k, healthcheck(asMap(v)));
                    break;
                case "labels":
                case "sysctls":
                    out.put(k, mapping(v, false));
                    break;
                case "logging":
                    out.put(k, logging(asMap(v)));
                    break;
                case "networks":
                    out.put(k, serviceNetworks(v));
                    break;
                case "ports":
                    out.put(k, ports(v, p + ".ports"));
                    break;
                case "stop_grace_period":
                    out.put(k, duration(v, p + "." + k));
                    break;
                case "ulimits":
                    out.put(k, ulimits(asMap(v)));
                    break;
                case "oom_score_adj":
                    break; // valid since 3.13, but docker/cli never decodes it (no mapstructure tag): ignored, as in Docker
                case "volumes":
                    out.put(k, serviceVolumes(v, p + ".volumes"));
                    break;
                default:
                    out.put(k, v);
            }
        }
        resolveEnvironment(out, p);
        checkUnsigned(out, p);
        return out;
    }

    /** Docker decodes these into unsigned integers; a negative value fails as mapstructure fails. */
    private void checkUnsigned(Map<String, Object> svc, String p) {
        Map<String, Object> deploy = svc.get("deploy") instanceof Map ? asMap(svc.get("deploy")) : Map.of();
        unsigned(deploy.get("replicas"), p + ".deploy.replicas", "uint");
        for (String uc : List.of("update_config", "rollback_config")) {
            if (deploy.get(uc) instanceof Map) unsigned(asMap(deploy.get(uc)).get("parallelism"), p + ".deploy." + uc + ".parallelism", "uint");
        }
        if (deploy.get("restart_policy") instanceof Map) {
            unsigned(asMap(deploy.get("restart_policy")).get("max_attempts"), p + ".deploy.restart_policy.max_attempts", "uint");
        }
        if (deploy.get("placement") instanceof Map) {
            unsigned(asMap(deploy.get("placement")).get("max_replicas_per_node"), p + ".deploy.placement.max_replicas_per_node", "uint");
        }
        if (svc.get("healthcheck") instanceof Map) unsigned(asMap(svc.get("healthcheck")).get("retries"), p + ".healthcheck.retries", "uint");
        for (String list : List.of("ports", "secrets", "configs")) {
            if (!(svc.get(list) instanceof List)) continue;
            List<?> items = (List<?>) svc.get(list);
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof Map)) continue;
                Map<String, Object> item = asMap(items.get(i));
                for (String k : List.of("target", "published", "mode")) {
                    if (item.get(k) instanceof Number) unsigned(item.get(k), p + "." + list + "." + i + "." + k, "uint32");
                }
            }
        }
    }

    private void unsigned(Object v, String path, String type) {
        if (v instanceof Number && ((Number) v).doubleValue() < 0) {
            throw error(path, "cannot parse '" + path + "', " + GoFormat.sprint(v) + " overflows " + type);
        }
    }

    private Map<String, Object> build(Object v) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (v instanceof String) {
            out.put("context", v);
            return out;
        }
        for (Map.Entry<String, Object> e : asMap(v).entrySet()) {
            Object x = e.getValue();
            if (x == null) continue;
            switch (e.getKey()) {
                case "args":
                    out.put("args", mapping(x, true));
                    break;
                case "labels":
                    out.put("labels", mapping(x, false));
                    break;
                case "cache_from":
                    out.put("cache_from", stringList(x));
                    break;
                case "extra_hosts":
                    out.put("extra_hosts", hostsList(x));
                    break;
                case "context":
                case "dockerfile":
                case "network":
                case "target":
                    out.put(e.getKey(), GoFormat.sprint(x));
                    break;
                default:
                    break; // unknown build keys are dropped, as mapstructure drops them
            }
        }
        return out;
    }

    private List<Object> shellCommand(Object v, String path) {
        if (v instanceof String) {
            try {
                return new ArrayList<>(GoFormat.shellSplit((String) v));
            } catch (IllegalArgumentException e) {
                throw error(path, "error decoding '" + path + "': " + e.getMessage());
            }
        }
        return sprintList(v);
    }

    private static List<Object> fileRefs(Object v) {
        List<Object> out = new ArrayList<>();
        for (Object item : (List<?>) v) {
            if (item instanceof String) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("source", item);
                out.add(m);
            } else {
                out.add(new LinkedHashMap<>(asMap(item)));
            }
        }
        return out;
    }

    private Map<String, Object> deploy(Map<String, Object> in, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            Object v = e.getValue();
            if (v == null) continue;
            String k = e.getKey();
            switch (k) {
                case "labels":
                    out.put(k, mapping(v, false));
                    break;
                case "update_config":
                case "rollback_config":
                    out.put(k, updateConfig(asMap(v)));
                    break;
                case "resources":
                    out.put(k, resources(asMap(v), path + ".resources"));
                    break;
                case "restart_policy": {
                    Map<String, Object> rp = new LinkedHashMap<>(asMap(v));
                    pointerDuration(rp, "delay");
                    pointerDuration(rp, "window");
                    out.put(k, rp);
                    break;
                }
                default:
                    out.put(k, v);
            }
        }
        return out;
    }

    private static Map<String, Object> updateConfig(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>(in);
        for (String d : List.of("delay", "monitor")) {
            Object v = out.get(d);
            if (v == null) {
                out.remove(d);
                continue;
            }
            long n = GoFormat.parseDuration(v.toString());
            if (n == 0) out.remove(d); // a zero Duration is omitted, as Go's omitempty does
            else out.put(d, GoFormat.formatDuration(n));
        }
        return out;
    }

    private static void pointerDuration(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            m.remove(key);
            return;
        }
        m.put(key, GoFormat.formatDuration(GoFormat.parseDuration(v.toString())));
    }

    private Map<String, Object> resources(Map<String, Object> in, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : List.of("limits", "reservations")) {
            if (!in.containsKey(k) || in.get(k) == null) continue;
            Map<String, Object> r = new LinkedHashMap<>(asMap(in.get(k)));
            if (r.containsKey("memory")) {
                String size = size(r.get("memory"), path + "." + k + ".memory");
                if (size == null) r.remove("memory");
                else r.put("memory", size);
            }
            out.put(k, r);
        }
        return out;
    }

    /** A size as the byte-count string Docker prints, or null when it is zero (omitted). */
    private String size(Object v, String path) {
        if (v == null) return null;
        long n;
        if (v instanceof Number) {
            n = ((Number) v).longValue();
        } else {
            try {
                n = GoFormat.ramInBytes(v.toString());
            } catch (IllegalArgumentException e) {
                throw error(path, "error decoding '" + path + "': " + e.getMessage());
            }
        }
        return n == 0 ? null : Long.toString(n);
    }

    private String duration(Object v, String path) {
        try {
            return GoFormat.formatDuration(GoFormat.parseDuration(v.toString()));
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    private Map<String, Object> healthcheck(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            Object v = e.getValue();
            if (v == null) continue;
            switch (e.getKey()) {
                case "test":
                    if (v instanceof String) out.put("test", new ArrayList<>(List.of("CMD-SHELL", v)));
                    else out.put("test", sprintList(v));
                    break;
                case "timeout":
                case "interval":
                case "start_period":
                case "start_interval":
                    out.put(e.getKey(), GoFormat.formatDuration(GoFormat.parseDuration(v.toString())));
                    break;
                default:
                    out.put(e.getKey(), v);
            }
        }
        return out;
    }

    private static Map<String, Object> logging(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>(in);
        if (in.get("options") != null) out.put("options", mapStringString(in.get("options")));
        else out.remove("options");
        return out;
    }

    private static Map<String, Object> serviceNetworks(Object v) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (v instanceof List) {
            for (Object n : (List<?>) v) out.put(String.valueOf(n), null);
            return out;
        }
        for (Map.Entry<String, Object> e : asMap(v).entrySet()) {
            if (e.getValue() == null) {
                out.put(e.getKey(), null);
                continue;
            }
            Map<String, Object> n = new LinkedHashMap<>(asMap(e.getValue()));
            if (n.get("driver_opts") != null) n.put("driver_opts", mapStringString(n.get("driver_opts")));
            n.values().removeIf(x -> x == null);
            out.put(e.getKey(), n);
        }
        return out;
    }

    private List<Object> ports(Object v, String path) {
        List<Object> out = new ArrayList<>();
        List<?> list = (List<?>) v;
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof Map) {
                out.add(new LinkedHashMap<>(asMap(item)));
                continue;
            }
            String spec = item instanceof Number ? GoFormat.sprint(item) : String.valueOf(item);
            try {
                out.addAll(PortSpec.expand(spec, warn));
            } catch (IllegalArgumentException e) {
                throw error(path + "." + i, e.getMessage());
            }
        }
        return out;
    }

    private static Map<String, Object> ulimits(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (v instanceof Map) {
                Map<String, Object> m = new LinkedHashMap<>();
                Map<String, Object> src = asMap(v);
                if (src.get("soft") != null) m.put("soft", src.get("soft"));
                if (src.get("hard") != null) m.put("hard", src.get("hard"));
                out.put(k, m);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    private List<Object> serviceVolumes(Object v, String path) {
        List<Object> out = new ArrayList<>();
        List<?> list = (List<?>) v;
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            Map<String, Object> vol;
            if (item instanceof String) {
                try {
                    vol = parseVolume((String) item);
                } catch (IllegalArgumentException e) {
                    throw error(path + "." + i, e.getMessage());
                }
            } else {
                vol = new LinkedHashMap<>(asMap(item));
                vol.values().removeIf(x -> x == null);
            }
            if ("bind".equals(vol.get("type"))) {
                Object src = vol.get("source");
                if (src == null || src.toString().isEmpty()) {
                    throw error(path + "." + i, "invalid mount config for type \"bind\": field Source must not be empty");
                }
                String s = expandUser(src.toString());
                if (!s.startsWith("/") && !isWindowsAbs(s)) s = absPath(s);
                vol.put("source", s);
            }
            out.add(vol);
        }
        return out;
    }

    private String expandUser(String s) {
        if (!s.startsWith("~")) return s;
        String home = env.get("HOME");
        if (home == null) {
            warn.accept("cannot expand '~', because the environment lacks HOME");
            return s;
        }
        return home + s.substring(1);
    }

    /** docker/cli's {@code isAbs} for Windows paths: a drive or UNC volume name followed by a slash. */
    static boolean isWindowsAbs(String s) {
        int l = volumeNameLen(s);
        if (l == 0) return false;
        String rest = s.substring(l);
        return !rest.isEmpty() && isSlash(rest.charAt(0));
    }

    private static boolean isSlash(char c) {
        return c == '\\' || c == '/';
    }

    private static int volumeNameLen(String path) {
        int l = path.length();
        if (l < 2) return 0;
        char c = path.charAt(0);
        if (path.charAt(1) == ':' && (('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z'))) return 2;
        if (l >= 5 && isSlash(path.charAt(0)) && isSlash(path.charAt(1)) && !isSlash(path.charAt(2)) && path.charAt(2) != '.') {
            for (int n = 3; n < l - 1; n++) {
                if (isSlash(path.charAt(n))) {
                    n++;
                    if (!isSlash(path.charAt(n))) {
                        if (path.charAt(n) == '.') break;
                        for (; n < l; n++) {
                            if (isSlash(path.charAt(n))) break;
                        }
                        return n;
                    }
                    break;
                }
            }
        }
        return 0;
    }

    /** {@code filepath.Join(workDir, p)} for a relative p; an absolute p as is. */
    private String absPath(String p) {
        if (p.startsWith("/")) return p;
        return workDir.resolve(p).normalize().toString();
    }

    /** docker/cli's {@code volumespec.Parse} of the short volume syntax. */
    static Map<String, Object> parseVolume(String spec) {
        Map<String, Object> vol = new LinkedHashMap<>();
        if (spec.isEmpty()) throw new IllegalArgumentException("invalid empty volume spec");
        if (spec.codePointCount(0, spec.length()) <= 2) {
            vol.put("type", "volume");
            vol.put("target", spec);
            return vol;
        }
        String source = "";
        String target = "";
        boolean readOnly = false;
        Map<String, Object> bind = null;
        Map<String, Object> volume = null;
        StringBuilder buf = new StringBuilder();
        int[] cps = (spec + "\0").codePoints().toArray();
        for (int idx = 0; idx < cps.length; idx++) {
            int c = cps[idx];
            boolean end = idx == cps.length - 1;
            if (c == ':' && buf.codePointCount(0, buf.length()) == 1 && Character.isLetter(buf.codePointAt(0))) {
                buf.appendCodePoint(c);
            } else if (c == ':' || end) {
                String b = buf.toString();
                if (b.isEmpty()) throw new IllegalArgumentException("invalid spec: " + spec + ": empty section between colons");
                if (source.isEmpty() && end) {
                    target = b;
                } else if (source.isEmpty()) {
                    source = b;
                } else if (target.isEmpty()) {
                    target = b;
                } else if (c == ':') {
                    throw new IllegalArgumentException("invalid spec: " + spec + ": too many colons");
                } else {
                    for (String opt : b.split(",", -1)) {
                        switch (opt) {
                            case "ro":
                                readOnly = true;
                                break;
                            case "rw":
                                readOnly = false;
                                break;
                            case "nocopy":
                                volume = new LinkedHashMap<>(Map.of("nocopy", true));
                                break;
                            default:
                                if (PROPAGATIONS.contains(opt)) bind = new LinkedHashMap<>(Map.of("propagation", opt));
                        }
                    }
                }
                buf.setLength(0);
            } else {
                buf.appendCodePoint(c);
            }
        }
        String type;
        if (source.isEmpty()) type = "volume";
        else if (isFilePath(source)) type = "bind";
        else type = "volume";
        vol.put("type", type);
        if (!source.isEmpty()) vol.put("source", source);
        vol.put("target", target);
        if (readOnly) vol.put("read_only", true);
        if (bind != null) vol.put("bind", bind);
        if (volume != null) vol.put("volume", volume);
        return vol;
    }

    private static boolean isFilePath(String source) {
        char c = source.charAt(0);
        if (c == '.' || c == '/' || c == '~') return true;
        if (source.codePointCount(0, source.length()) == 1) return false;
        if (source.startsWith("\\\\")) return true;
        int first = source.codePointAt(0);
        int next = Character.charCount(first);
        return Character.isLetter(first) && source.charAt(next) == ':';
    }

    private void resolveEnvironment(Map<String, Object> service, String path) {
        Map<String, Object> environment = new LinkedHashMap<>();
        Object envFiles = service.get("env_file");
        if (envFiles instanceof List && !((List<?>) envFiles).isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (Object f : (List<?>) envFiles) lines.addAll(readEnvFile(absPath(String.valueOf(f)), path + ".env_file"));
            Map<String, Object> vars = new LinkedHashMap<>();
            for (String l : lines) {
                int eq = l.indexOf('=');
                if (eq < 0) vars.put(l, null);
                else vars.put(l.substring(0, eq), l.substring(eq + 1));
            }
            updateEnvironment(environment, vars);
        }
        Object own = service.get("environment");
        if (own != null) updateEnvironment(environment, asMap(own));
        if (environment.isEmpty()) service.remove("environment");
        else service.put("environment", environment);
    }

    private void updateEnvironment(Map<String, Object> environment, Map<String, Object> vars) {
        vars.forEach((k, v) -> {
            String fromEnv = env.get(k);
            if ((v == null || v.toString().isEmpty()) && fromEnv != null) environment.put(k, fromEnv);
            else environment.put(k, v);
        });
    }

    /** docker/cli's {@code kvfile.Parse}: KEY=VALUE lines, # comments, a bare KEY taken from the environment if set. */
    private List<String> readEnvFile(String filename, String path) {
        List<String> raw;
        try {
            raw = Files.readAllLines(Path.of(filename), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw error(path, "open " + filename + ": no such file or directory");
        } catch (IOException e) {
            throw error(path, "open " + filename + ": " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String line = raw.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
            line = line.stripLeading();
            if (line.isEmpty() || line.charAt(0) == '#') continue;
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq);
            if (key.isEmpty()) throw error(path, "no variable name on line '" + line + "'");
            if (key.chars().anyMatch(ch -> ch == ' ' || ch == '\t' || ch == '\n' || ch == '\u000b' || ch == '\f' || ch == '\r')) {
                throw error(path, "variable '" + key + "' contains whitespaces");
            }
            if (eq >= 0) {
                out.add(line);
            } else if (env.containsKey(line)) {
                out.add(key + "=" + env.get(line));
            }
        }
        return out;
    }

    // ---- top-level resources

    private Map<String, Object> network(String name, Map<String, Object> in) {
        Map<String, Object> out = common(in);
        if (in.get("ipam") != null) {
            Map<String, Object> ipam = new LinkedHashMap<>(asMap(in.get("ipam")));
            ipam.values().removeIf(x -> x == null);
            out.put("ipam", ipam);
        }
        for (String b : List.of("internal", "attachable")) {
            if (in.get(b) != null) out.put(b, in.get(b));
        }
        external(out, in, name, "network", "3.5");
        return out;
    }

    private Map<String, Object> volume(String name, Map<String, Object> in) {
        Map<String, Object> out = common(in);
        if (in.get("x-cluster-spec") != null) out.put("x-cluster-spec", clusterSpec(asMap(in.get("x-cluster-spec"))));
        if (Boolean.TRUE.equals(out.get("external"))) {
            String key = null;
            if (out.get("driver") != null && !out.get("driver").toString().isEmpty()) key = "driver";
            else if (out.get("driver_opts") != null && !asMap(out.get("driver_opts")).isEmpty()) key = "driver_opts";
            else if (out.get("labels") != null && !asMap(out.get("labels")).isEmpty()) key = "labels";
            if (key != null) {
                throw error("volumes." + name, "conflicting parameters \"external\" and \"" + key + "\" specified for volume \"" + name + "\"");
            }
        }
        external(out, in, name, "volume", "3.4");
        return out;
    }

    /** name, driver, driver_opts, labels and external of a network or volume. */
    private static Map<String, Object> common(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String s : List.of("name", "driver")) {
            if (in.get(s) != null) out.put(s, GoFormat.sprint(in.get(s)));
        }
        if (in.get("driver_opts") != null) out.put("driver_opts", mapStringString(in.get("driver_opts")));
        if (in.get("labels") != null) out.put("labels", mapping(in.get("labels"), false));
        Object ext = in.get("external");
        if (ext instanceof Boolean) {
            out.put("external", ext);
        } else if (ext instanceof Map) {
            out.put("external", true);
            Object n = asMap(ext).get("name");
            out.put("\0externalName", n == null ? "" : n.toString());
        }
        return out;
    }

    /** Docker's handling of {@code external}: external.name becomes name; an external resource always has a name; x-* kept only then. */
    private void external(Map<String, Object> out, Map<String, Object> in, String name, String kind, String warnFrom) {
        Object extName = out.remove("\0externalName");
        if (!Boolean.TRUE.equals(out.get("external"))) return;
        String n = (String) out.get("name");
        if (extName != null && !extName.toString().isEmpty()) {
            if (n != null && !n.isEmpty()) {
                throw error(kind + "s." + name, kind + " " + name + ": " + kind + ".external.name and " + kind + ".name conflict; only use " + kind + ".name");
            }
            if (versionAtLeast(version, warnFrom)) {
                warn.accept(kind + " " + name + ": " + kind + ".external.name is deprecated in favor of " + kind + ".name");
            }
            out.put("name", extName.toString());
        } else if (n == null || n.isEmpty()) {
            out.put("name", name);
        }
        out.putAll(extras(in));
    }

    private Map<String, Object> fileObject(String name, Map<String, Object> in, String kind) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String s : List.of("name", "file", "driver", "template_driver")) {
            if (in.get(s) != null) out.put(s, GoFormat.sprint(in.get(s)));
        }
        if (in.get("labels") != null) out.put("labels", mapping(in.get("labels"), false));
        if (in.get("driver_opts") != null) out.put("driver_opts", mapStringString(in.get("driver_opts")));
        Object ext = in.get("external");
        String extName = "";
        boolean external = false;
        if (ext instanceof Boolean) {
            external = (Boolean) ext;
        } else if (ext instanceof Map) {
            external = true;
            Object n = asMap(ext).get("name");
            extName = n == null ? "" : n.toString();
        }
        if (external) out.put("external", true);
        String n = (String) out.getOrDefault("name", "");
        String driver = (String) out.getOrDefault("driver", "");
        String f = (String) out.getOrDefault("file", "");
        if (external) {
            if (!extName.isEmpty()) {
                if (!n.isEmpty()) {
                    throw error(kind + "s." + name, kind + " " + name + ": " + kind + ".external.name and " + kind + ".name conflict; only use " + kind + ".name");
                }
                if (versionAtLeast(version, "3.5")) {
                    warn.accept(kind + " " + name + ": " + kind + ".external.name is deprecated in favor of " + kind + ".name");
                }
                out.put("name", extName);
            } else if (n.isEmpty()) {
                out.put("name", name);
            }
        } else if (!driver.isEmpty()) {
            if (!f.isEmpty()) {
                throw error(kind + "s." + name, kind + " " + name + ": " + kind + ".driver and " + kind + ".file conflict; only use " + kind + ".driver");
            }
        } else {
            out.put("file", absPath(f));
        }
        out.putAll(extras(in));
        return out;
    }

    private Map<String, Object> clusterSpec(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>(in);
        out.values().removeIf(x -> x == null);
        if (in.get("capacity_range") != null) {
            Map<String, Object> cr = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : asMap(in.get("capacity_range")).entrySet()) {
                String s = size(e.getValue(), "volumes.x-cluster-spec.capacity_range." + e.getKey());
                if (s != null) cr.put(e.getKey(), s);
            }
            out.put("capacity_range", cr);
        }
        if (in.get("accessibility_requirements") != null) {
            Map<String, Object> ar = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : asMap(in.get("accessibility_requirements")).entrySet()) {
                if (!(e.getValue() instanceof List)) continue;
                List<Object> tops = new ArrayList<>();
                for (Object t : (List<?>) e.getValue()) {
                    Map<String, Object> tm = new LinkedHashMap<>(asMap(t));
                    if (tm.get("segments") != null) tm.put("segments", mapping(tm.get("segments"), false));
                    tops.add(tm);
                }
                ar.put(e.getKey(), tops);
            }
            out.put("accessibility_requirements", ar);
        }
        return out;
    }

    // ---- helpers for docker's list-or-mapping types

    /** Labels/Mapping (allowNil false: a missing value is "") or MappingWithEquals (allowNil true: it is null). */
    static Map<String, Object> mapping(Object v, boolean allowNil) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (v instanceof Map) {
            asMap(v).forEach((k, x) -> out.put(k, x == null ? (allowNil ? null : "") : GoFormat.sprint(x)));
        } else if (v instanceof List) {
            for (Object item : (List<?>) v) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                if (eq < 0) out.put(s, allowNil ? null : "");
                else out.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        return out;
    }

    private static Map<String, Object> mapStringString(Object v) {
        Map<String, Object> out = new LinkedHashMap<>();
        asMap(v).forEach((k, x) -> out.put(k, x == null ? "" : GoFormat.sprint(x)));
        return out;
    }

    private static List<Object> stringList(Object v) {
        if (v instanceof String) return new ArrayList<>(List.of(v));
        return sprintList(v);
    }

    private static List<Object> sprintList(Object v) {
        List<Object> out = new ArrayList<>();
        if (v instanceof List) {
            for (Object x : (List<?>) v) out.add(x == null ? null : GoFormat.sprint(x));
        } else {
            out.add(GoFormat.sprint(v));
        }
        return out;
    }

    /** HostsList: a map gives sorted {@code host:ip}; a list accepts {@code =} or {@code :} and drops entries with neither; IPv6 brackets go. */
    static List<Object> hostsList(Object v) {
        List<String> pairs = new ArrayList<>();
        if (v instanceof Map) {
            asMap(v).forEach((k, x) -> {
                if (x != null) pairs.add(k + ":" + GoFormat.sprint(x));
            });
            Collections.sort(pairs);
        } else {
            for (Object item : (List<?>) v) {
                String s = GoFormat.sprint(item);
                int eq = s.indexOf('=');
                int colon = s.indexOf(':');
                if (eq >= 0) pairs.add(s.substring(0, eq) + ":" + s.substring(eq + 1));
                else if (colon >= 0) pairs.add(s.substring(0, colon) + ":" + s.substring(colon + 1));
            }
        }
        List<Object> out = new ArrayList<>();
        for (String hip : pairs) {
            int c = hip.indexOf(':');
            String host = c < 0 ? hip : hip.substring(0, c);
            String ip = c < 0 ? "" : hip.substring(c + 1);
            if (ip.length() > 2 && ip.charAt(0) == '[' && ip.charAt(ip.length() - 1) == ']') ip = ip.substring(1, ip.length() - 1);
            out.add(host + ":" + ip);
        }
        return out;
    }

    /** Whether dotted version a >= b, compared numerically part by part. */
    static boolean versionAtLeast(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? parse(x[i]) : 0;
            int q = i < y.length ? parse(y[i]) : 0;
            if (p != q) return p > q;
        }
        return true;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
