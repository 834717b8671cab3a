package dev.shoal.cli.client;

import java.net.URI;
import java.util.Locale;

/**
 * Where the daemon's control API listens, as {@code --host}/{@code SHOAL_HOST} spell it
 * ({@code tcp://IP:PORT}; {@code IP:PORT} and {@code http://IP:PORT} are accepted too). Immutable.
 *
 * @param host the host name or IP (IPv6 without brackets)
 * @param port the TCP port
 */
public record DaemonAddress(String host, int port) {
    /** The default local API address: the one place it is spelled. */
    public static final String DEFAULT = "tcp://127.0.0.1:4243";

    /**
     * Parses an address.
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static DaemonAddress parse(String text) {
        String s = text == null ? "" : text.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tcp://")) s = s.substring(6);
        else if (lower.startsWith("http://")) s = s.substring(7);
        else if (s.contains("://")) throw new IllegalArgumentException("invalid host address \"" + text + "\": only tcp:// is supported");
        if (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        int colon = s.lastIndexOf(':');
        if (s.isEmpty() || colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("invalid host address \"" + text + "\": expected tcp://IP:PORT");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid host address \"" + text + "\": bad port");
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("invalid host address \"" + text + "\": bad port");
        return new DaemonAddress(host, port);
    }

    private String hostPart() { return host.contains(":") ? "[" + host + "]" : host; }

    /** The HTTP base URI of the API. */
    public URI httpBase() { return URI.create("http://" + hostPart() + ":" + port); }

    /** The address as users write it: {@code tcp://IP:PORT}. */
    @Override
    public String toString() { return "tcp://" + hostPart() + ":" + port; }
}
