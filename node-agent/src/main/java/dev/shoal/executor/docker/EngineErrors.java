package dev.shoal.executor.docker;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.shoal.executor.EngineException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns docker-java's exceptions into {@link EngineException}s carrying the engine's own message
 * ("No such image: foo:latest", "Conflict. The container name …"), fit for {@code service ps}.
 */
final class EngineErrors {
    /** docker-java renders an API error as {@code Status 404: {"message":"…"}}. */
    private static final Pattern API_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private EngineErrors() {}

    static EngineException translate(Throwable error) {
        if (error instanceof EngineException) {
            return (EngineException) error;
        }
        boolean notFound = error instanceof NotFoundException
                || (error instanceof DockerException && ((DockerException) error).getHttpStatus() == 404);
        return new EngineException(message(error), notFound, error);
    }

    /** The engine's message inside a docker-java exception, or the exception's own text. */
    static String message(Throwable error) {
        String raw = error.getMessage();
        if (raw == null || raw.isBlank()) {
            Throwable cause = error.getCause();
            return cause != null && cause != error ? message(cause) : error.getClass().getSimpleName();
        }
        Matcher m = API_MESSAGE.matcher(raw);
        if (m.find()) {
            return unescape(m.group(1));
        }
        return raw.strip();
    }

    private static String unescape(String json) {
        if (json.indexOf('\\') < 0) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 == json.length()) {
                out.append(c);
                continue;
            }
            char next = json.charAt(++i);
            switch (next) {
                case 'n': out.append('\n'); break;
                case 't': out.append('\t'); break;
                case 'u':
                    if (i + 4 < json.length()) {
                        out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    break;
                default: out.append(next);
            }
        }
        return out.toString();
    }
}
