package dev.shoal.manager.controlapi;

import dev.shoal.store.StoreException;

/**
 * A control-API failure the caller should see: a {@link Kind} that fixes the HTTP status, and a
 * message fit to show a user. None of these is fatal to the server: each fails one request only.
 */
public final class ApiException extends RuntimeException {

    /** The kinds of failure and the HTTP status each maps to, as the Docker Engine API uses them. */
    public enum Kind {
        /** Bad input: 400. */
        INVALID(400),
        /** No such object: 404. */
        NOT_FOUND(404),
        /** The cluster is not in a state that allows the operation (last manager, quorum): 400, as Docker. */
        FAILED_PRECONDITION(400),
        /** Name conflict or stale version: 409. */
        CONFLICT(409),
        /** Not a manager, no swarm, no quorum: 503. */
        UNAVAILABLE(503),
        /** Anything else: 500. */
        INTERNAL(500);

        private final int httpStatus;

        Kind(int httpStatus) { this.httpStatus = httpStatus; }

        public int httpStatus() { return httpStatus; }
    }

    /** The text every manager-only path answers on a node that is not a manager, as Docker words it. */
    public static final String NOT_A_MANAGER = "This node is not a swarm manager. Use \"swarmctl swarm init\" or "
            + "\"swarmctl swarm join\" to connect this node to swarm and try again.";

    private final Kind kind;

    public ApiException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ApiException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() { return kind; }

    public int httpStatus() { return kind.httpStatus(); }

    public static ApiException invalid(String message) { return new ApiException(Kind.INVALID, message); }

    public static ApiException notFound(String message) { return new ApiException(Kind.NOT_FOUND, message); }

    public static ApiException conflict(String message) { return new ApiException(Kind.CONFLICT, message); }

    public static ApiException unavailable(String message) { return new ApiException(Kind.UNAVAILABLE, message); }

    /** The 503 a node answers on manager-only paths before it is a manager. */
    public static ApiException precondition(String message) { return new ApiException(Kind.FAILED_PRECONDITION, message); }

    public static ApiException notAManager() { return unavailable(NOT_A_MANAGER); }

    /** Translates a store refusal into the API's kinds, keeping the store's message. */
    public static ApiException fromStore(StoreException e) {
        Kind k;
        switch (e.code()) {
            case NOT_FOUND: k = Kind.NOT_FOUND; break;
            case EXISTS:
            case NAME_CONFLICT:
            case CONFLICT: k = Kind.CONFLICT; break;
            case INVALID: k = Kind.INVALID; break;
            case UNAVAILABLE: k = Kind.UNAVAILABLE; break;
            default: k = Kind.INTERNAL;
        }
        return new ApiException(k, e.getMessage(), e);
    }
}
