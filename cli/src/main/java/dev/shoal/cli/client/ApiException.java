package dev.shoal.cli.client;

/**
 * An error answer from the daemon: its HTTP status and the {@code message} of its Docker-style body.
 * {@link #getMessage()} reads as Docker's CLI prints it: {@code Error response from daemon: <message>}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String daemonMessage;

    public ApiException(int status, String daemonMessage) {
        super("Error response from daemon: " + daemonMessage);
        this.status = status;
        this.daemonMessage = daemonMessage;
    }

    /** The HTTP status: 400 bad input, 404 no such object, 409 conflict, 503 not a manager, 500 other. */
    public int status() { return status; }

    /** The daemon's message, without the "Error response from daemon" prefix. */
    public String daemonMessage() { return daemonMessage; }

    /** Whether the daemon said the object does not exist. */
    public boolean isNotFound() { return status == 404; }
}
