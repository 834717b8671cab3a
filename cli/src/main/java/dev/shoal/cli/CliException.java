package dev.shoal.cli;

/** A failure found on the client side (bad address, object not found among a list, several errors); its message is printed as is. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }
}
