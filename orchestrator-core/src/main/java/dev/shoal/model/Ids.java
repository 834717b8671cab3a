package dev.shoal.model;

import java.security.SecureRandom;

/** Makes object ids in Docker's form: 25 lowercase base-36 characters. Thread-safe. */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private final SecureRandom random = new SecureRandom();

    public String next() {
        char[] c = new char[25];
        for (int i = 0; i < c.length; i++) c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        return new String(c);
    }

    /** Docker's short form in tables: the first 12 characters. */
    public static String shortId(String id) { return id == null ? "" : id.length() <= 12 ? id : id.substring(0, 12); }
}
