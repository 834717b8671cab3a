package dev.shoal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SignatureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityTest {
    @TempDir
    Path dir;

    @Test
    void nodeCertificatesAreSignedByTheClusterCaAndNameTheNode() throws Exception {
        ClusterCa ca = ClusterCa.create("cluster1");
        NodeCredentials c = NodeCredentials.issue(ca, "node1", "swarm-worker", "cluster1");
        c.certificate().verify(ca.certificate().getPublicKey());
        String dn = c.certificate().getSubjectX500Principal().getName();
        assertTrue(dn.contains("CN=node1") && dn.contains("OU=swarm-worker") && dn.contains("O=cluster1"), dn);
        ClusterCa other = ClusterCa.create("cluster2");
        assertThrows(SignatureException.class, () -> c.certificate().verify(other.certificate().getPublicKey()));
    }

    @Test
    void credentialsAndTheCaKeySurviveARestart() throws Exception {
        assertNull(NodeCredentials.load(dir));
        ClusterCa ca = ClusterCa.create("cluster1");
        NodeCredentials c = NodeCredentials.issue(ca, "node1", "swarm-manager", "cluster1");
        c.save(dir);
        NodeCredentials.saveCaKey(dir, ca);
        NodeCredentials back = NodeCredentials.load(dir);
        assertEquals(c.certificate(), back.certificate());
        assertEquals(c.key(), back.key());
        ClusterCa caBack = NodeCredentials.loadCa(dir);
        assertEquals(ca.digest(), caBack.digest());
        caBack.issue("node2", "swarm-worker", "cluster1", ClusterCa.newKeyPair().getPublic()).verify(ca.certificate().getPublicKey());
    }

    @Test
    void joinTokensPinTheCaAndExplainWhatIsWrong() {
        ClusterCa ca = ClusterCa.create("cluster1");
        JoinToken t = JoinToken.generate(ca.digest());
        assertEquals(50, ca.digest().length());
        assertEquals(t, JoinToken.parse(t.toString()));
        assertTrue(t.toString().startsWith("SWMTKN-1-" + ca.digest() + "-"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JoinToken.parse("SWMTKN-1-abc"));
        assertTrue(e.getMessage().contains("expected SWMTKN-1-<50-character CA digest>-<25-character secret>"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> JoinToken.parse("hello"));
        assertTrue(e.getMessage().contains("must start with SWMTKN-1-"), e.getMessage());
    }
}
