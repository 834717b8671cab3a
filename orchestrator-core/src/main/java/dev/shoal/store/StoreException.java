package dev.shoal.store;

/** A typed store failure carried to callers; the message is fit to show a user. */
public final class StoreException extends RuntimeException {
    private final StoreError error;

    public StoreException(StoreError error) {
        super(error.message());
        this.error = error;
    }

    public StoreException(StoreError.Code code, String message) { this(new StoreError(code, message)); }

    public StoreError error() { return error; }

    public StoreError.Code code() { return error.code(); }
}
