package dev.shoal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.manager.controlapi.ApiException;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads request bodies into model types, turning Jackson's failures into INVALID {@link ApiException}s
 * that name the field at fault ("invalid ServiceSpec at TaskTemplate.RestartPolicy.Condition: …").
 * Thread-safe.
 */
final class JsonBodies {
    private final ObjectMapper json;

    JsonBodies(ObjectMapper json) { this.json = json; }

    <T> T read(byte[] body, Class<T> type, String what) {
        try {
            T value = json.readValue(body, type);
            if (value == null) throw ApiException.invalid("a " + what + " must be provided in the request body");
            return value;
        } catch (JsonMappingException e) {
            String at = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw ApiException.invalid("invalid " + what + (at.isEmpty() ? "" : " at " + at) + ": " + reason(e));
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("invalid JSON in the request body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.invalid("cannot read the request body: " + e.getMessage());
        }
    }

    /** The most specific message: a model constructor's own IllegalArgumentException if there is one. */
    private static String reason(JsonMappingException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && !(t instanceof JsonProcessingException) && t.getMessage() != null) return t.getMessage();
        }
        String m = e.getOriginalMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
