package dev.shoal.security;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What a joining node trusts before it has any certificate of its own: the manager it dials must
 * present a chain whose root is the CA the join token pins (its digest equals the token's), and whose
 * leaf that CA signed. This is how a pasted token protects a new node from a manager of another
 * cluster or an impostor. Remembers the CA it accepted. Thread-safe.
 */
public final class PinnedCaTrust extends X509ExtendedTrustManager {
    private final String digest;
    private volatile X509Certificate acceptedCa;

    public PinnedCaTrust(String caDigest) { this.digest = caDigest; }

    /** The CA certificate of the manager's chain, once the handshake accepted it; else null. */
    public X509Certificate acceptedCa() { return acceptedCa; }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length < 2) {
            throw new CertificateException("the manager did not present its cluster CA; is this a Shoal manager's cluster port?");
        }
        X509Certificate root = chain[chain.length - 1];
        if (!digest.equals(ClusterCa.digestOf(root))) {
            throw new CertificateException("the manager's cluster CA does not match the join token (wrong token, or wrong manager address)");
        }
        try {
            chain[0].verify(root.getPublicKey());
            chain[0].checkValidity();
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the manager's certificate was not issued by the cluster CA: " + e.getMessage(), e);
        }
        acceptedCa = root;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { check(chain); }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException { check(chain); }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException { check(chain); }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a joining node accepts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a joining node accepts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a joining node accepts no clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
}
