package dev.shoal.api;

import java.nio.charset.StandardCharsets;

/** What a route answers: an HTTP status, a content type (null for an empty body) and the body. Immutable. */
record ApiResponse(int status, String contentType, byte[] body) {
    static final String JSON = "application/json";

    static ApiResponse json(int status, byte[] body) { return new ApiResponse(status, JSON, body); }

    static ApiResponse text(int status, String text) {
        return new ApiResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    static ApiResponse empty(int status) { return new ApiResponse(status, null, new byte[0]); }
}
