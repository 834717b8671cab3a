package dev.shoal.cli.opts;

import dev.shoal.model.PortConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code -p/--publish} value, as Docker takes it: the short form
 * {@code [published:]target[/protocol]} (ranges such as {@code 8080-8081:80-81} allowed) or the long
 * form {@code published=8080,target=80,protocol=tcp,mode=host}. Immutable.
 *
 * @param ports the port configurations the value stands for (one, or one per port of a range)
 */
public record PublishSpec(List<PortConfig> ports) {
    public PublishSpec {
        ports = List.copyOf(ports);
    }

    /**
     * Parses one publish value.
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static PublishSpec parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty port specification");
        return text.contains("=") ? parseLong(text) : parseShort(text);
    }

    private static PublishSpec parseLong(String text) {
        Integer published = null;
        Integer target = null;
        String protocol = "tcp";
        String mode = "ingress";
        for (String field : text.split(",")) {
            int eq = field.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("invalid field '" + field + "' in '" + text + "': must be a key=value pair");
            String key = field.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = field.substring(eq + 1).trim();
            switch (key) {
                case "published": published = port(value, text); break;
                case "target": target = port(value, text); break;
                case "protocol": protocol = protocol(value, text); break;
                case "mode": mode = mode(value, text); break;
                default: throw new IllegalArgumentException("invalid field key '" + key + "' in '" + text + "': use published, target, protocol or mode");
            }
        }
        if (target == null) throw new IllegalArgumentException("missing mandatory field \"target\" in '" + text + "'");
        return new PublishSpec(List.of(new PortConfig(null, protocol, target, published == null ? 0 : published, mode)));
    }

    private static PublishSpec parseShort(String text) {
        String rest = text;
        String protocol = "tcp";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            protocol = protocol(rest.substring(slash + 1), text);
            rest = rest.substring(0, slash);
        }
        String publishedPart = "";
        String targetPart = rest;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            publishedPart = rest.substring(0, colon);
            targetPart = rest.substring(colon + 1);
            if (publishedPart.contains(":")) throw new IllegalArgumentException("invalid port specification '" + text + "': host IPs are not supported, use published:target[/protocol]");
        }
        int[] targets = range(targetPart, text);
        int[] published = publishedPart.isEmpty() ? null : range(publishedPart, text);
        if (published != null && published[1] - published[0] != targets[1] - targets[0]) {
            throw new IllegalArgumentException("invalid port specification '" + text + "': published and target ranges differ in size");
        }
        List<PortConfig> ports = new ArrayList<>();
        for (int i = 0; i <= targets[1] - targets[0]; i++) {
            ports.add(new PortConfig(null, protocol, targets[0] + i, published == null ? 0 : published[0] + i, "ingress"));
        }
        return new PublishSpec(ports);
    }

    private static int[] range(String s, String text) {
        int dash = s.indexOf('-');
        if (dash < 0) {
            int p = port(s, text);
            return new int[] {p, p};
        }
        int lo = port(s.substring(0, dash), text);
        int hi = port(s.substring(dash + 1), text);
        if (hi < lo) throw new IllegalArgumentException("invalid port range '" + s + "' in '" + text + "'");
        return new int[] {lo, hi};
    }

    private static int port(String s, String text) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p >= 1 && p <= 65535) return p;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("invalid port '" + s + "' in '" + text + "': must be a number from 1 to 65535");
    }

    private static String protocol(String s, String text) {
        String p = s.trim().toLowerCase(Locale.ROOT);
        if (p.equals("tcp") || p.equals("udp") || p.equals("sctp")) return p;
        throw new IllegalArgumentException("invalid protocol '" + s + "' in '" + text + "': must be tcp, udp or sctp");
    }

    private static String mode(String s, String text) {
        String m = s.trim().toLowerCase(Locale.ROOT);
        if (m.equals("ingress") || m.equals("host")) return m;
        throw new IllegalArgumentException("invalid publish mode '" + s + "' in '" + text + "': must be ingress or host");
    }

    /** picocli converter for {@code --publish}. */
    public static final class Converter implements ITypeConverter<PublishSpec> {
        @Override
        public PublishSpec convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
