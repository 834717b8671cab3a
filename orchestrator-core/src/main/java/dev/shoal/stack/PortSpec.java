package dev.shoal.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The short port syntax {@code [ip:][published[-range]:]target[-range][/tcp|udp|sctp]}, parsed as
 * docker's {@code nat.ParsePortSpec} and expanded as {@code docker stack deploy} expands it: one
 * ingress entry per port of a range, a bare target with no published port, and a host IP ignored
 * with a warning.
 */
public final class PortSpec {
    private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9a-fA-F:.]+$");

    private PortSpec() {
    }

    /** One mapping of a parsed spec: container port, protocol, host IP and host port text (may be a range or empty). */
    record Mapping(int port, String proto, String hostIp, String hostPort) {
    }

    /**
     * Parses a spec ({@code nat.ParsePortSpec}).
     *
     * @throws IllegalArgumentException with nat's wording when the spec is invalid
     */
    static List<Mapping> parse(String raw) {
        String[] parts = raw.split(":", -1);
        int n = parts.length;
        String ip;
        String hostPort;
        String containerPort = parts[n - 1];
        if (n == 1) {
            ip = "";
            hostPort = "";
        } else if (n == 2) {
            ip = "";
            hostPort = parts[0];
        } else if (n == 3) {
            ip = parts[0];
            hostPort = parts[1];
        } else {
            ip = String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 2));
            hostPort = parts[n - 2];
        }
        String proto;
        String[] pp = containerPort.split("/", -1);
        if (containerPort.isEmpty() || pp[0].isEmpty()) {
            proto = "";
            containerPort = "";
        } else if (pp.length == 1) {
            proto = "tcp";
        } else if (pp[1].isEmpty()) {
            proto = "tcp";
            containerPort = pp[0];
        } else {
            proto = pp[1];
            containerPort = pp[0];
        }
        if (!ip.isEmpty() && ip.charAt(0) == '[') {
            if (!ip.endsWith("]")) throw new IllegalArgumentException("invalid IP address " + ip + ": missing ']' in address");
            ip = ip.substring(1, ip.length() - 1);
        }
        if (!ip.isEmpty() && !isIp(ip)) throw new IllegalArgumentException("invalid IP address: " + ip);
        if (containerPort.isEmpty()) throw new IllegalArgumentException("no port specified: " + raw + "<empty>");
        long[] c;
        try {
            c = range(containerPort);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid containerPort: " + containerPort);
        }
        long[] h = {0, 0};
        if (!hostPort.isEmpty()) {
            try {
                h = range(hostPort);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid hostPort: " + hostPort);
            }
        }
        if (!hostPort.isEmpty() && (c[1] - c[0]) != (h[1] - h[0]) && c[1] != c[0]) {
            throw new IllegalArgumentException("invalid ranges specified for container and host Ports: " + containerPort + " and " + hostPort);
        }
        String lp = proto.toLowerCase(Locale.ROOT);
        if (!lp.equals("tcp") && !lp.equals("udp") && !lp.equals("sctp")) throw new IllegalArgumentException("invalid proto: " + proto);
        List<Mapping> out = new ArrayList<>();
        for (long i = 0; i <= c[1] - c[0]; i++) {
            String hp = hostPort;
            if (!hostPort.isEmpty()) hp = String.valueOf(h[0] + i);
            if (c[0] == c[1] && h[0] != h[1]) hp = hp + "-" + h[1];
            out.add(new Mapping((int) (c[0] + i), lp, ip, hp));
        }
        return out;
    }

    /** Whether the spec parses. */
    static boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Expands a short spec into long-syntax entries ({@code mode, target, published, protocol}) in
     * docker's order (sorted by {@code port/proto} as text), reporting ignored host IPs.
     */
    static List<Map<String, Object>> expand(String raw, Consumer<String> warn) {
        Map<String, List<Mapping>> byKey = new TreeMap<>();
        for (Mapping m : parse(raw)) byKey.computeIfAbsent(m.port() + "/" + m.proto(), k -> new ArrayList<>()).add(m);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, List<Mapping>> e : byKey.entrySet()) {
            for (Mapping m : e.getValue()) {
                if (!m.hostIp().isEmpty() && !m.hostIp().equals("0.0.0.0") && !m.hostIp().equals("::")) {
                    String host = m.hostIp().contains(":") ? "[" + m.hostIp() + "]" : m.hostIp();
                    warn.accept("ignoring IP-address (" + host + ":" + m.hostPort() + ":" + e.getKey()
                            + ") service will listen on '0.0.0.0'");
                }
                long start = 0;
                long end = 0;
                if (!m.hostPort().isEmpty()) {
                    try {
                        long[] r = range(m.hostPort());
                        start = r[0];
                        end = r[1];
                    } catch (IllegalArgumentException ex) {
                        throw new IllegalArgumentException("invalid hostport binding (" + m.hostPort() + ") for port (" + m.port() + ")");
                    }
                }
                for (long p = start; p <= end; p++) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("mode", "ingress");
                    entry.put("target", (long) m.port());
                    if (p != 0) entry.put("published", p);
                    entry.put("protocol", m.proto());
                    out.add(entry);
                }
            }
        }
        return out;
    }

    private static long[] range(String ports) {
        if (ports.isEmpty()) throw new IllegalArgumentException("empty string specified for ports");
        int dash = ports.indexOf('-');
        if (dash < 0) {
            long p = port(ports);
            return new long[] {p, p};
        }
        String[] parts = ports.split("-", -1);
        long start = port(parts[0]);
        long end = port(parts[1]);
        if (end < start) throw new IllegalArgumentException("invalid range specified for port: " + ports);
        return new long[] {start, end};
    }

    private static long port(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(Character::isDigit)) throw new IllegalArgumentException("invalid port: " + s);
        long v = Long.parseLong(s);
        if (v > 65535) throw new IllegalArgumentException("invalid port: " + s);
        return v;
    }

    private static boolean isIp(String ip) {
        if (IPV4.matcher(ip).matches()) return true;
        if (!ip.contains(":") || !IPV6_CHARS.matcher(ip).matches()) return false;
        try {
            return java.net.InetAddress.getByName(ip) instanceof java.net.Inet6Address
                    || java.net.InetAddress.getByName(ip) instanceof java.net.Inet4Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
