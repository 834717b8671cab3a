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
    /** The organisational unit of a manager's certificate, as Swarm's. */
    public static final String MANAGER_ROLE = "swarm-manager";
    /** The organisational unit of a worker's certificate, as Swarm's. */
    public static final String WORKER_ROLE = "swarm-worker";

    /** The role (organisational unit) a node certificate names, or "" when it names none. */
    public static String roleOf(X509Certificate cert) {
        return rdn(cert, "OU");
    }

    /** The node id (common name) a node certificate names, or "" when it names none. */
    public static String nodeIdOf(X509Certificate cert) {
        return rdn(cert, "CN");
    }

    private static String rdn(X509Certificate cert, String type) {
        try {
            for (javax.naming.ldap.Rdn r : new javax.naming.ldap.LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (r.getType().equalsIgnoreCase(type)) return String.valueOf(r.getValue());
            }
        } catch (javax.naming.InvalidNameException e) {
            return "";
        }
        return "";
    }

    /** This node's role as its certificate states it. */
    public String role() { return roleOf(certificate); }

    /** Removes the CA key from {@code dataDir} (a demoted manager or a node leaving the swarm). */
    public static void deleteCaKey(Path dataDir) throws IOException {
        Files.deleteIfExists(dataDir.resolve(DIR).resolve("ca.key"));
    }

    /** Removes every certificate and key from {@code dataDir} (a node leaving the swarm). */
    public static void deleteAll(Path dataDir) throws IOException {
        Path dir = dataDir.resolve(DIR);
        for (String f : new String[] {"node.key", "node.crt", "ca.crt", "ca.key"}) Files.deleteIfExists(dir.resolve(f));
    }

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
