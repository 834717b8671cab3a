package dev.shoal.security;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trust between the nodes of one cluster: a peer is believed when its certificate chains to the
 * cluster CA and, where a role is required, names that role ({@code swarm-manager} for Raft). Host
 * names are not checked — nodes are identified by the node id in their certificate, not by the
 * address they happen to use — which is why this is an {@link X509ExtendedTrustManager}: the JDK
 * checks endpoint identity only for trust managers that are not. Immutable; thread-safe.
 */
public final class ClusterTrust extends X509ExtendedTrustManager {
    private final X509TrustManager pkix;
    private final X509Certificate ca;
    private final String requiredRole;

    private ClusterTrust(X509Certificate ca, String requiredRole) {
        this.ca = ca;
        this.requiredRole = requiredRole;
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("cluster-ca", ca);
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(ks);
            X509TrustManager found = null;
            for (TrustManager tm : f.getTrustManagers()) if (tm instanceof X509TrustManager x) found = x;
            if (found == null) throw new IllegalStateException("this JVM has no X.509 trust manager");
            this.pkix = found;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up trust in the cluster CA: " + e.getMessage(), e);
        }
    }

    /** Trusts any node of the cluster whose CA is {@code ca}. */
    public static ClusterTrust anyNode(X509Certificate ca) { return new ClusterTrust(ca, null); }

    /** Trusts only the cluster's managers (certificates whose organisational unit is {@code swarm-manager}). */
    public static ClusterTrust managersOnly(X509Certificate ca) { return new ClusterTrust(ca, NodeCredentials.MANAGER_ROLE); }

    /** A key manager presenting {@code credentials}' certificate, followed by the CA's, to peers. */
    public static KeyManager keyManager(NodeCredentials credentials) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = new char[0];
            ks.setKeyEntry("node", credentials.key(), pw, new java.security.cert.Certificate[] {credentials.certificate(), credentials.ca()});
            KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            f.init(ks, pw);
            return f.getKeyManagers()[0];
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot load this node's certificate for TLS: " + e.getMessage(), e);
        }
    }

    private void check(X509Certificate[] chain, String authType, boolean client) throws CertificateException {
        if (chain == null || chain.length == 0) throw new CertificateException("the peer presented no certificate");
        if (client) pkix.checkClientTrusted(chain, authType);
        else pkix.checkServerTrusted(chain, authType);
        if (requiredRole != null) {
            String role = NodeCredentials.roleOf(chain[0]);
            if (!requiredRole.equals(role)) {
                throw new CertificateException("the peer's certificate is for a " + role + ", not a " + requiredRole);
            }
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException { check(chain, authType, true); }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { check(chain, authType, false); }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException { check(chain, authType, true); }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException { check(chain, authType, false); }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException { check(chain, authType, true); }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException { check(chain, authType, false); }

    @Override
    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[] {ca}; }
}
