package dev.shoal.security;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Reads and writes certificates and private keys as PEM files; keys are written readable by root only. */
public final class Pem {
    private Pem() {}

    public static void write(Path file, Object certOrKey, boolean secret) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            // Keys as PKCS#8 ("PRIVATE KEY"), which any tool reads back; certificates as they are.
            w.writeObject(certOrKey instanceof PrivateKey k ? new JcaPKCS8Generator(k, null) : certOrKey);
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sw.toString(), StandardCharsets.US_ASCII);
        if (secret) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static X509Certificate readCertificate(Path file) throws IOException {
        Object o = read(file);
        if (!(o instanceof X509CertificateHolder h)) throw new IOException(file + " holds no certificate");
        try {
            return new JcaX509CertificateConverter().getCertificate(h);
        } catch (CertificateException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public static PrivateKey readKey(Path file) throws IOException {
        Object o = read(file);
        JcaPEMKeyConverter c = new JcaPEMKeyConverter();
        if (o instanceof PEMKeyPair kp) return c.getKeyPair(kp).getPrivate();
        if (o instanceof PrivateKeyInfo pki) return c.getPrivateKey(pki);
        throw new IOException(file + " holds no private key");
    }

    private static Object read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            return p.readObject();
        }
    }
}
