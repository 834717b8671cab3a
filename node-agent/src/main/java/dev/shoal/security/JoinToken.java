package dev.shoal.security;

import java.security.SecureRandom;

/**
 * A join token in Swarm's form, {@code SWMTKN-1-<CA digest>-<secret>}: the digest lets a joining node
 * check it reached the right cluster (it pins the CA), the secret lets the manager admit it (one secret
 * for workers, another for managers). Immutable.
 */
public record JoinToken(String caDigest, String secret) {
    private static final String PREFIX = "SWMTKN-1-";
    private static final char[] B36 = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    /** A new token for the cluster whose CA has {@code caDigest}, with a fresh 25-character secret. */
    public static JoinToken generate(String caDigest) {
        SecureRandom r = new SecureRandom();
        char[] c = new char[25];
        for (int i = 0; i < c.length; i++) c[i] = B36[r.nextInt(B36.length)];
        return new JoinToken(caDigest, new String(c));
    }

    /** Parses a pasted token; throws IllegalArgumentException saying what is wrong with it. */
    public static JoinToken parse(String token) {
        String t = token == null ? "" : token.trim();
        if (!t.startsWith(PREFIX)) throw new IllegalArgumentException("invalid join token: it must start with " + PREFIX);
        String rest = t.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash != 50 || rest.length() != 50 + 1 + 25) {
            throw new IllegalArgumentException("invalid join token: expected " + PREFIX + "<50-character CA digest>-<25-character secret>");
        }
        for (char ch : rest.toCharArray()) {
            if (ch != '-' && (ch < '0' || ch > '9') && (ch < 'a' || ch > 'z')) {
                throw new IllegalArgumentException("invalid join token: unexpected character '" + ch + "'");
            }
        }
        return new JoinToken(rest.substring(0, 50), rest.substring(51));
    }

    @Override
    public String toString() { return PREFIX + caDigest + "-" + secret; }
}
