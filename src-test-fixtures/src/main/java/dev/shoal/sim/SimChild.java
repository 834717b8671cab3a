package dev.shoal.sim;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The simulator's handle on one child JVM (a manager or an agent host): started with this JVM's class
 * path, driven by one command line at a time on its stdin, answered by one reply line on its stdout
 * ({@code =result} or {@code !error}; see {@link SimChildLoop}); its stderr goes to a log file. A child
 * exits when its stdin closes, so it does not outlive the simulator even when the simulator is killed.
 * Thread-safe (one command at a time).
 */
final class SimChild implements AutoCloseable {
    private static final String EOF = "\u0000eof";

    private final String name;
    private final Process process;
    private final BufferedWriter in;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    private SimChild(String name, Process process) {
        this.name = name;
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(this::readReplies, "sim-child-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} in a new JVM with {@code jvmOptions} and {@code args}; its stderr is appended to {@code log}. */
    static SimChild start(String name, List<String> jvmOptions, Class<?> main, List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new SimChild(name, pb.start());
    }

    String name() { return name; }

    /** The child's process id (for jstack or JFR). */
    long pid() { return process.pid(); }

    boolean isAlive() { return process.isAlive(); }

    /** Sends {@code command} and returns the child's reply; throws IllegalStateException on an error reply, a timeout or the child's death. */
    synchronized String call(String command, Duration timeout) {
        try {
            in.write(command);
            in.newLine();
            in.flush();
            String reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (reply == null) throw new IllegalStateException(name + " did not answer " + verb(command) + " within " + timeout);
            if (reply == EOF) throw new IllegalStateException(name + " exited (" + exitCode() + ") during " + verb(command));
            if (reply.startsWith("!")) throw new IllegalStateException(name + ": " + verb(command) + ": " + reply.substring(1));
            return reply.substring(1);
        } catch (IOException e) {
            throw new IllegalStateException(name + " is gone (" + exitCode() + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, e);
        }
    }

    private static String verb(String command) {
        int sp = command.indexOf(' ');
        return sp < 0 ? command : command.substring(0, sp);
    }

    private String exitCode() {
        return process.isAlive() ? "still running" : "exit code " + process.exitValue();
    }

    private void readReplies() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("=") || line.startsWith("!")) replies.add(line); // anything else is stray output
            }
        } catch (IOException e) {
            // the child died; callers learn it from EOF below
        }
        replies.add(EOF);
    }

    /** Kills the child at once (as a crash would) and waits for it to be gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the child to exit, and kills it if it has not within 15 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                call("exit", Duration.ofSeconds(15));
                process.waitFor(15, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                // it will be killed below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (process.isAlive()) kill();
    }
}
