package dev.shoal.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A node's TLS identity: its private key, its certificate signed by the cluster CA, and the CA's
 * certificate to trust peers by. Kept in {@code <data-dir>/certificates/} (node.key, node.crt, ca.crt).
 * Immutable.
 */
public record NodeCredentials(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
    static final String DIR = "certificates";

    /** Makes a key for node {@code nodeId} and has {@code ca} sign its certificate. */
    public static NodeCredentials issue(ClusterCa ca, String nodeId, String role, String clusterId) {
        KeyPair kp = ClusterCa.newKeyPair();
        return new NodeCredentials(kp.getPrivate(), ca.issue(nodeId, role, clusterId, kp.getPublic()), ca.certificate());
    }

    public void save(Path dataDir) throws IOException {
        Path dir = dataDir.resolve(DIR);
        Pem.write(dir.resolve("node.key"), key, true);
        Pem.write(dir.resolve("node.crt"), certificate, false);
        Pem.write(dir.resolve("ca.crt"), ca, false);
    }

    /** The credentials in {@code dataDir}, or null when there are none. */
    public static NodeCredentials load(Path dataDir) throws IOException {
        Path dir = dataDir.resolve(DIR);
        if (!Files.exists(dir.resolve("node.crt"))) return null;
        return new NodeCredentials(Pem.readKey(dir.resolve("node.key")), Pem.readCertificate(dir.resolve("node.crt")),
                Pem.readCertificate(dir.resolve("ca.crt")));
    }

    /** Saves the CA's key too; only managers keep it, in {@code certificates/ca.key}. */
    public static void saveCaKey(Path dataDir, ClusterCa ca) throws IOException {
        Pem.write(dataDir.resolve(DIR).resolve("ca.key"), ca.key(), true);
    }

    /** The cluster CA from {@code dataDir}, or null on a node that does not hold its key. */
    public static ClusterCa loadCa(Path dataDir) throws IOException {
        Path dir = dataDir.resolve(DIR);
        if (!Files.exists(dir.resolve("ca.key"))) return null;
        return new ClusterCa(Pem.readCertificate(dir.resolve("ca.crt")), Pem.readKey(dir.resolve("ca.key")));
    }
}
