package dev.shoal.manager.controlapi;

import java.security.SecureRandom;

/**
 * Rotation of join tokens ({@code SWMTKN-1-<CA digest>-<secret>}): the CA digest stays, the secret is
 * replaced by 25 fresh random base-36 characters. Stateless.
 */
final class JoinSecrets {
    private static final char[] B36 = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private JoinSecrets() {}

    /** {@code token} with a new secret; INVALID when it is not a token of Swarm's form. */
    static String rotate(String token, SecureRandom random) {
        int dash = token == null ? -1 : token.lastIndexOf('-');
        if (dash < 0 || token.length() - dash - 1 != 25) {
            throw ApiException.invalid("the cluster's join token is malformed and cannot be rotated");
        }
        char[] c = new char[25];
        for (int i = 0; i < c.length; i++) c[i] = B36[random.nextInt(B36.length)];
        return token.substring(0, dash + 1) + new String(c);
    }
}
