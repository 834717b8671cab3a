package dev.shoal.cli.client;

/** The daemon could not be reached at all (refused, unresolvable, timed out); the message names the address tried. */
public final class DaemonUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DaemonUnreachableException(DaemonAddress address, Throwable cause) {
        super("Cannot connect to the Shoal daemon at " + address + ". Is shoald running?", cause);
    }
}
