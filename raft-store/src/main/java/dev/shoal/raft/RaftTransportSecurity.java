package dev.shoal.raft;

import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * Mutual TLS for the Raft traffic between managers (and for this manager's own Raft client): the key
 * manager presents this manager's certificate, the trust manager decides which peers to believe. The
 * daemon builds both from the cluster CA, so only managers holding a certificate of this cluster's
 * CA can take part in its Raft group. Immutable; the managers it holds must be thread-safe.
 */
public record RaftTransportSecurity(KeyManager keyManager, TrustManager trustManager) {
    public RaftTransportSecurity {
        Objects.requireNonNull(keyManager, "keyManager");
        Objects.requireNonNull(trustManager, "trustManager");
    }
}
