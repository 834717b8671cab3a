package dev.shoal.stack;

import java.util.Objects;

/**
 * A stack file that cannot be loaded: which file, which key path ({@code services.web.deploy.replicas};
 * empty when the problem is the file as a whole), and why, in Docker's words. Its message is
 * {@code FILE: REASON}, where REASON is the text {@code docker stack deploy} prints for the same
 * input (which already names the key path when Docker's does).
 */
public final class StackFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String keyPath;
    private final String reason;

    /**
     * @param file    the file as given on the command line (or "" when the error concerns several files)
     * @param keyPath the dotted key path, or ""
     * @param reason  Docker's message
     */
    public StackFileException(String file, String keyPath, String reason) {
        super(file.isEmpty() ? reason : file + ": " + reason);
        this.file = Objects.requireNonNull(file);
        this.keyPath = Objects.requireNonNull(keyPath);
        this.reason = Objects.requireNonNull(reason);
    }

    /** The file, as given. */
    public String file() { return file; }

    /** The dotted key path of the offending value, or "" for the file as a whole. */
    public String keyPath() { return keyPath; }

    /** Docker's message, without the file name. */
    public String reason() { return reason; }
}
