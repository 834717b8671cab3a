package dev.shoal.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** Who believes whom: nodes of one cluster, managers only for Raft, and a joining node pinning a CA by token. */
class TrustTest {
    private final ClusterCa ca = ClusterCa.create("cluster1");
    private final ClusterCa otherCa = ClusterCa.create("cluster2");
    private final NodeCredentials manager = NodeCredentials.issue(ca, "node1", NodeCredentials.MANAGER_ROLE, "cluster1");
    private final NodeCredentials worker = NodeCredentials.issue(ca, "node2", NodeCredentials.WORKER_ROLE, "cluster1");
    private final NodeCredentials stranger = NodeCredentials.issue(otherCa, "node3", NodeCredentials.MANAGER_ROLE, "cluster2");

    private static X509Certificate[] chain(NodeCredentials c) { return new X509Certificate[] {c.certificate(), c.ca()}; }

    @Test
    void clusterNodesTrustEachOtherButNotAnotherClustersNodes() {
        ClusterTrust any = ClusterTrust.anyNode(ca.certificate());
        assertDoesNotThrow(() -> any.checkClientTrusted(chain(worker), "ECDHE_ECDSA"));
        assertDoesNotThrow(() -> any.checkServerTrusted(chain(manager), "ECDHE_ECDSA"));
        assertThrows(CertificateException.class, () -> any.checkClientTrusted(chain(stranger), "ECDHE_ECDSA"));
    }

    @Test
    void raftPeersMustBeManagers() {
        ClusterTrust managers = ClusterTrust.managersOnly(ca.certificate());
        assertDoesNotThrow(() -> managers.checkClientTrusted(chain(manager), "ECDHE_ECDSA"));
        CertificateException e = assertThrows(CertificateException.class, () -> managers.checkClientTrusted(chain(worker), "ECDHE_ECDSA"));
        assertTrue(e.getMessage().contains("swarm-worker"), e.getMessage());
    }

    @Test
    void aJoiningNodeBelievesOnlyTheCaItsTokenPins() throws Exception {
        JoinToken token = JoinToken.generate(ca.digest());
        PinnedCaTrust right = new PinnedCaTrust(JoinToken.parse(token.toString()).caDigest());
        right.checkServerTrusted(chain(manager), "ECDHE_ECDSA");
        assertEquals(ca.certificate(), right.acceptedCa());

        PinnedCaTrust wrong = new PinnedCaTrust(otherCa.digest());
        CertificateException e = assertThrows(CertificateException.class, () -> wrong.checkServerTrusted(chain(manager), "ECDHE_ECDSA"));
        assertTrue(e.getMessage().contains("does not match the join token"), e.getMessage());
        // A leaf not signed by the presented CA is refused even when the CA matches.
        X509Certificate[] forged = {stranger.certificate(), ca.certificate()};
        assertThrows(CertificateException.class, () -> right.checkServerTrusted(forged, "ECDHE_ECDSA"));
        // A manager that sends no CA cannot be checked.
        assertThrows(CertificateException.class, () -> right.checkServerTrusted(new X509Certificate[] {manager.certificate()}, "ECDHE_ECDSA"));
    }

    @Test
    void certificatesNameTheNodeAndItsRole() {
        assertEquals("node1", NodeCredentials.nodeIdOf(manager.certificate()));
        assertEquals(NodeCredentials.MANAGER_ROLE, manager.role());
        assertEquals(NodeCredentials.WORKER_ROLE, worker.role());
        assertEquals(50, ca.digest().length());
        assertEquals(ca.digest(), ClusterCa.digestOf(ca.certificate()));
    }

    @Test
    void keysAndCertificatesSurviveTheirWireForm() {
        assertEquals(manager.certificate(), KeyCodec.certificate(KeyCodec.pem(manager.certificate())));
        assertEquals(ca.key(), KeyCodec.privateKey(KeyCodec.pem(ca.key())));
        assertEquals(worker.certificate().getPublicKey(), KeyCodec.publicKey(KeyCodec.publicKey(worker.certificate().getPublicKey())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyCodec.publicKey("not base64!"));
        assertTrue(e.getMessage().contains("public key"), e.getMessage());
    }
}
