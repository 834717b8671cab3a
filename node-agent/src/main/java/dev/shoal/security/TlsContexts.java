package dev.shoal.security;

import dev.shoal.raft.RaftTransportSecurity;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;

/**
 * TLS for the links between nodes. Agent sessions and Raft are mutually authenticated with
 * certificates of the cluster CA ({@link ClusterTrust}); the cluster port also admits a client with
 * no certificate, for the one thing such a client may do there — join with a token — which the
 * dispatcher enforces. A joining node trusts the manager by the CA digest its token pins
 * ({@link PinnedCaTrust}). TLS 1.3 and 1.2 only.
 */
public final class TlsContexts {
    private TlsContexts() {}

    /**
     * For a manager's cluster port: presents the manager's certificate and the CA's (so joining nodes
     * can check the CA against their token); client certificates are checked when presented.
     */
    public static SslContext server(NodeCredentials c) {
        try {
            return SslContextBuilder.forServer(c.key(), c.certificate(), c.ca())
                    .trustManager(ClusterTrust.anyNode(c.ca()))
                    .clientAuth(ClientAuth.OPTIONAL)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for the cluster port: " + e.getMessage(), e);
        }
    }

    /** For an agent's side of a session: presents its certificate, believes only the cluster's nodes. */
    public static SslContext client(NodeCredentials c) {
        try {
            return SslContextBuilder.forClient()
                    .endpointIdentificationAlgorithm(null) // peers are known by node id, not host name
                    .keyManager(c.key(), c.certificate(), c.ca())
                    .trustManager(ClusterTrust.anyNode(c.ca()))
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS towards the managers: " + e.getMessage(), e);
        }
    }

    /** For a node joining with a token: no certificate yet; believes a manager whose CA the token pins. */
    public static SslContext join(PinnedCaTrust trust) {
        try {
            return SslContextBuilder.forClient()
                    .endpointIdentificationAlgorithm(null)
                    .trustManager(trust)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for joining: " + e.getMessage(), e);
        }
    }

    /** For Raft between managers: both ends must hold a manager certificate of this cluster. */
    public static RaftTransportSecurity raft(NodeCredentials c) {
        return new RaftTransportSecurity(ClusterTrust.keyManager(c), ClusterTrust.managersOnly(c.ca()));
    }
}
