package dev.shoal.store;

/** Why the store refused one action of a proposal. Immutable. */
public record StoreError(Code code, String message) {
    /** The kinds of refusal; each maps to one user-facing HTTP status in the control API. */
    public enum Code { NOT_FOUND, EXISTS, NAME_CONFLICT, CONFLICT, INVALID, UNAVAILABLE }
}
