package dev.shoal.stack;

import dev.shoal.stack.model.GoZero;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Merges normalised stack files in order, by docker/cli's rules ({@code merge.go}, mergo with
 * override and appended slices): services by name, field by field; a zero value in the later file
 * never overrides; lists are appended, except ports (keyed by published port), secrets and configs
 * (by source) and volumes (by target), which are keyed, de-duplicated and sorted — also when only
 * the first file has them, as in Docker; {@code command} and {@code entrypoint} are replaced;
 * {@code logging} options are merged while the driver is the same; {@code replicas},
 * {@code parallelism}, {@code max_attempts} and {@code retries} override even when 0; a service
 * network's aliases are replaced. Top-level networks, volumes, secrets and configs are replaced key
 * by key; version and top-level extensions come from the first file.
 */
final class Merger {
    /** Go pointer fields: set in the later file means override, even with 0. */
    private static final Set<String> POINTERS = Set.of("replicas", "parallelism", "max_attempts", "retries", "init");
    /** Go pointers to durations: mergo merges the pointed value, so a later {@code 0s} does not override. */
    private static final Set<String> DURATIONS = Set.of("stop_grace_period", "timeout", "interval", "start_period", "start_interval",
            "delay", "window");
    /** Go maps (rather than structs): every key of the later file overrides, even an empty value. */
    private static final Set<String> GO_MAPS = Set.of("environment", "labels", "sysctls", "driver_opts", "options", "args", "ulimits");

    private Merger() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(List<Map<String, Object>> files) {
        Map<String, Object> base = files.get(0);
        for (Map<String, Object> over : files.subList(1, files.size())) {
            Map<String, Object> services = new LinkedHashMap<>((Map<String, Object>) base.get("services"));
            ((Map<String, Object>) over.get("services")).forEach((name, svc) -> {
                Object b = services.get(name);
                services.put(name, b == null ? svc : mergeService((Map<String, Object>) b, (Map<String, Object>) svc));
            });
            base.put("services", services);
            for (String k : List.of("networks", "volumes", "secrets", "configs")) {
                Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) base.get(k));
                m.putAll((Map<String, Object>) over.get(k));
                base.put(k, m);
            }
        }
        base.put("services", new TreeMap<>((Map<String, Object>) base.get("services")));
        return base;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mergeService(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        keyed(out, over, "ports", p -> ((Number) p.getOrDefault("published", 0L)).longValue());
        keyed(out, over, "secrets", p -> String.valueOf(p.getOrDefault("source", "")));
        keyed(out, over, "configs", p -> String.valueOf(p.getOrDefault("source", "")));
        keyed(out, over, "volumes", p -> String.valueOf(p.getOrDefault("target", "")));
        for (Map.Entry<String, Object> e : over.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            switch (k) {
                case "ports":
                case "secrets":
                case "configs":
                case "volumes":
                    break; // done above
                case "command":
                case "entrypoint":
                    if (v instanceof List && !((List<?>) v).isEmpty()) out.put(k, v);
                    break;
                case "logging":
                    out.put(k, mergeLogging((Map<String, Object>) out.get(k), (Map<String, Object>) v));
                    break;
                case "networks":
                    out.put(k, mergeNetworks((Map<String, Object>) out.get(k), (Map<String, Object>) v));
                    break;
                default:
                    mergeField(out, k, v);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void mergeField(Map<String, Object> dst, String k, Object v) {
        Object d = dst.get(k);
        if (GO_MAPS.contains(k) && v instanceof Map) {
            Map<String, Object> m = d instanceof Map ? new LinkedHashMap<>((Map<String, Object>) d) : new LinkedHashMap<>();
            m.putAll((Map<String, Object>) v);
            if (!m.isEmpty()) dst.put(k, m);
        } else if (v instanceof Map && d instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) d);
            ((Map<String, Object>) v).forEach((kk, vv) -> mergeField(m, kk, vv));
            dst.put(k, m);
        } else if (v instanceof List && d instanceof List) {
            List<Object> l = new ArrayList<>((List<Object>) d);
            l.addAll((List<Object>) v);
            dst.put(k, l);
        } else if (DURATIONS.contains(k) && "0s".equals(v)) {
            dst.putIfAbsent(k, v);
        } else if (POINTERS.contains(k) ? v != null : !GoZero.isZero(v)) {
            dst.put(k, v);
        } else if (!dst.containsKey(k) && v != null && !(v instanceof Map) && !(v instanceof List)) {
            dst.put(k, v); // keep an explicit zero where nothing was set (it prints the same)
        }
    }

    @SuppressWarnings("unchecked")
    private static void keyed(Map<String, Object> dst, Map<String, Object> over, String k, Function<Map<String, Object>, Comparable<?>> key) {
        Object d = dst.get(k);
        Object v = over.get(k);
        if (!(d instanceof List) || ((List<?>) d).isEmpty()) {
            if (v instanceof List && !((List<?>) v).isEmpty()) dst.put(k, v);
            return;
        }
        Map<Object, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Object o : (List<?>) d) byKey.put(key.apply((Map<String, Object>) o), (Map<String, Object>) o);
        if (v instanceof List) {
            for (Object o : (List<?>) v) byKey.put(key.apply((Map<String, Object>) o), (Map<String, Object>) o);
        }
        List<Map<String, Object>> sorted = new ArrayList<>(byKey.values());
        sorted.sort(Comparator.comparing(m -> (Comparable<Object>) key.apply(m)));
        dst.put(k, new ArrayList<Object>(sorted));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mergeLogging(Map<String, Object> d, Map<String, Object> s) {
        if (s == null) return d;
        if (d == null) return s;
        String dd = String.valueOf(d.getOrDefault("driver", ""));
        String sd = String.valueOf(s.getOrDefault("driver", ""));
        if (dd.equals(sd) || dd.isEmpty() || sd.isEmpty()) {
            Map<String, Object> out = new LinkedHashMap<>(d);
            if (dd.isEmpty() && !sd.isEmpty()) out.put("driver", sd);
            Map<String, Object> opts = new LinkedHashMap<>();
            if (d.get("options") != null) opts.putAll((Map<String, Object>) d.get("options"));
            if (s.get("options") != null) opts.putAll((Map<String, Object>) s.get("options"));
            if (!opts.isEmpty()) out.put("options", opts);
            return out;
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mergeNetworks(Map<String, Object> d, Map<String, Object> s) {
        if (d == null) return s;
        Map<String, Object> out = new LinkedHashMap<>(d);
        s.forEach((name, cfg) -> {
            Object base = out.get(name);
            if (base == null || !out.containsKey(name)) {
                if (cfg != null || !out.containsKey(name)) out.put(name, cfg);
                return;
            }
            if (cfg == null) return;
            Map<String, Object> b = new LinkedHashMap<>((Map<String, Object>) base);
            Map<String, Object> c = (Map<String, Object>) cfg;
            if (c.get("aliases") != null) b.put("aliases", c.get("aliases"));
            else b.remove("aliases");
            for (String ip : List.of("ipv4_address", "ipv6_address")) {
                if (c.get(ip) != null && !c.get(ip).toString().isEmpty()) b.put(ip, c.get(ip));
            }
            out.put(name, b);
        });
        return out;
    }
}
