package dev.shoal.model;

import java.security.SecureRandom;

/** Makes object ids in Docker's form: 25 lowercase base-36 characters. Thread-safe. */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private final SecureRandom random = source();

    /**
     * The JDK's NIST DRBG (SHA-256, seeded from the system once), rather than the default NativePRNG,
     * which reads the kernel's pool under a lock on every call (still 7 % of the leader's CPU with one
     * call per id while it created a million tasks).
     */
    private static SecureRandom source() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /**
     * A new id: 25 characters drawn uniformly (about 129 random bits). One call into the secure random
     * source per id (bytes below 252 = 7 x 36 map to a character, the rare others are drawn again), rather
     * than one per character: with NativePRNG each call takes a lock and reads the kernel's pool, which
     * made id generation a tenth of the manager's CPU while it created 100,000 tasks.
     */
    public String next() {
        char[] c = new char[25];
        byte[] b = new byte[32];
        int n = 0;
        while (n < c.length) {
            random.nextBytes(b);
            for (int i = 0; i < b.length && n < c.length; i++) {
                int v = b[i] & 0xff;
                if (v < 252) c[n++] = ALPHABET[v % 36];
            }
        }
        return new String(c);
    }

    /** Docker's short form in tables: the first 12 characters. */
    public static String shortId(String id) { return id == null ? "" : id.length() <= 12 ? id : id.substring(0, 12); }
}
