package dev.shoal.stack.convert;

/**
 * A loaded stack that cannot become service specs; the message is Docker's, prefixed by the
 * service as {@code docker stack deploy} words it ({@code service web: unknown mode: bogus}).
 */
public final class StackConvertException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String service;

    /**
     * @param service the service (the stack file's key), or "" for the stack as a whole
     * @param message Docker's message
     */
    public StackConvertException(String service, String message) {
        super(message);
        this.service = service;
    }

    /** A problem with the stack as a whole (an undefined network, an unreadable secret file). */
    public StackConvertException(String message) {
        this("", message);
    }

    /** The service concerned, as named in the stack file; "" for the stack as a whole. */
    public String service() { return service; }
}
