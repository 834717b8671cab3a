package dev.shoal.security;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's certificate authority, as Swarm's: an ECDSA P-256 root made at {@code swarm init}, which
 * signs every node's certificate with the node id as its common name, the role as its organisational
 * unit ({@code swarm-manager} or {@code swarm-worker}) and the cluster id as its organisation. Its
 * digest is what a join token pins. Immutable; thread-safe.
 */
public final class ClusterCa {
    /** How long node certificates last; Swarm's default is 90 days. */
    public static final Duration NODE_CERT_VALIDITY = Duration.ofDays(90);
    private static final Duration CA_VALIDITY = Duration.ofDays(20 * 365);

    private final X509Certificate certificate;
    private final PrivateKey key;

    public ClusterCa(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** A new root for cluster {@code clusterId}. */
    public static ClusterCa create(String clusterId) {
        KeyPair kp = newKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "swarm-ca").addRDN(BCStyle.O, clusterId).build();
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(CA_VALIDITY)), name, kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new ClusterCa(sign(b, kp.getPrivate()), kp.getPrivate());
        } catch (org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot build the cluster CA certificate: " + e.getMessage(), e);
        }
    }

    /** Signs a certificate for node {@code nodeId} in {@code role} ("swarm-manager" or "swarm-worker"). */
    public X509Certificate issue(String nodeId, String role, String clusterId, PublicKey nodeKey) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, nodeId).addRDN(BCStyle.OU, role).addRDN(BCStyle.O, clusterId).build();
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(NODE_CERT_VALIDITY)), subject, nodeKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            return sign(b, key);
        } catch (org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot build a node certificate: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() { return certificate; }

    public PrivateKey key() { return key; }

    /**
     * The CA's fingerprint in a join token: the SHA-256 of its DER encoding in base 36, 50 digits, as
     * Swarm's {@code SWMTKN-1-<digest>-<secret>}.
     */
    public String digest() { return digestOf(certificate); }

    /** The join-token digest of any CA certificate (see {@link #digest()}). */
    public static String digestOf(X509Certificate caCertificate) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(caCertificate.getEncoded());
            String b36 = new BigInteger(1, sha).toString(36);
            return "0".repeat(Math.max(0, 50 - b36.length())) + b36;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot digest the cluster CA: " + e.getMessage(), e);
        }
    }

    /** A new ECDSA P-256 key pair, for the CA or a node. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make P-256 keys: " + e.getMessage(), e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, new SecureRandom());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) {
        try {
            ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(signer);
            return new JcaX509CertificateConverter().getCertificate(b.build(s));
        } catch (OperatorCreationException | java.security.cert.CertificateException e) {
            throw new IllegalStateException("cannot sign a certificate: " + e.getMessage(), e);
        }
    }
}
