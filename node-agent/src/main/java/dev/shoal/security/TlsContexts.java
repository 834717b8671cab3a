package dev.shoal.security;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;

/**
 * Netty TLS contexts for the links between nodes: both ends present certificates signed by the cluster
 * CA and trust only that CA (mutual TLS, TLS 1.3 and 1.2).
 */
public final class TlsContexts {
    private TlsContexts() {}

    /** For a manager's listening side: client certificates are required. */
    public static SslContext server(NodeCredentials c) {
        try {
            return SslContextBuilder.forServer(c.key(), c.certificate())
                    .trustManager(c.ca())
                    .clientAuth(ClientAuth.REQUIRE)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for the cluster port: " + e.getMessage(), e);
        }
    }

    /** For an agent's side of a session. */
    public static SslContext client(NodeCredentials c) {
        try {
            // Peers are identified by the cluster CA and the node id in the certificate, not by host name
            // (nodes move between addresses), so the host-name check Netty makes by default is turned off.
            return SslContextBuilder.forClient()
                    .endpointIdentificationAlgorithm(null)
                    .keyManager(c.key(), c.certificate())
                    .trustManager(c.ca())
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS towards the managers: " + e.getMessage(), e);
        }
    }
}
