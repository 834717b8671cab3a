package dev.shoal.executor;

/** The engine refused or failed an operation; the message is the engine's own, fit for {@code service ps}. */
public final class EngineException extends Exception {
    private final boolean notFound;

    public EngineException(String message, boolean notFound, Throwable cause) {
        super(message, cause);
        this.notFound = notFound;
    }

    public EngineException(String message) { this(message, false, null); }

    /** True when the object (container or image) does not exist. */
    public boolean notFound() { return notFound; }
}
