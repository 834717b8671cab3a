package dev.shoal.cli.opts;

import java.util.Map;

/**
 * Docker's rule for {@code -e/--env}: {@code KEY=VALUE} is taken as is; a bare {@code KEY} takes its
 * value from the client's environment when set there, and is passed on bare otherwise.
 */
public final class EnvVar {
    private EnvVar() {}

    /**
     * Resolves one {@code --env} value against the client's environment.
     *
     * @throws IllegalArgumentException when the name is empty
     */
    public static String resolve(String text, Map<String, String> clientEnv) {
        int eq = text.indexOf('=');
        String key = eq < 0 ? text : text.substring(0, eq);
        if (key.isEmpty()) throw new IllegalArgumentException("invalid environment variable: " + text);
        if (eq >= 0) return text;
        String v = clientEnv.get(key);
        return v == null ? text : key + "=" + v;
    }
}
