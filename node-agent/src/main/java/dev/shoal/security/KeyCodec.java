package dev.shoal.security;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Keys and certificates as the join exchange carries them: PEM text for certificates and keys, base64
 * X.509 SubjectPublicKeyInfo for a public key. Every parse error is an IllegalArgumentException that
 * says what could not be read. Stateless.
 */
public final class KeyCodec {
    private KeyCodec() {}

    public static String pem(Object certOrKey) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(certOrKey instanceof PrivateKey k ? new JcaPKCS8Generator(k, null) : certOrKey);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + certOrKey.getClass().getSimpleName() + " as PEM", e);
        }
        return sw.toString();
    }

    public static X509Certificate certificate(String pem) {
        Object o = read(pem, "certificate");
        if (!(o instanceof X509CertificateHolder h)) throw new IllegalArgumentException("not a PEM certificate");
        try {
            return new JcaX509CertificateConverter().getCertificate(h);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("unreadable certificate: " + e.getMessage(), e);
        }
    }

    public static PrivateKey privateKey(String pem) {
        Object o = read(pem, "private key");
        try {
            JcaPEMKeyConverter c = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) return c.getKeyPair(kp).getPrivate();
            if (o instanceof PrivateKeyInfo pki) return c.getPrivateKey(pki);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not a PEM private key");
    }

    public static String publicKey(PublicKey key) { return Base64.getEncoder().encodeToString(key.getEncoded()); }

    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable public key (expected a base64 P-256 SubjectPublicKeyInfo): " + e.getMessage(), e);
        }
    }

    private static Object read(String pem, String what) {
        if (pem == null || pem.isBlank()) throw new IllegalArgumentException("no " + what + " given");
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            return p.readObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable " + what + ": " + e.getMessage(), e);
        }
    }
}
