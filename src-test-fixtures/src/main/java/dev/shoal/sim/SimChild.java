package dev.shoal.sim;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    private static final int LOG_LINES = 40;

    private final String name;
    private final Path log;
    private final Process process;
    private final BufferedWriter in;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    private SimChild(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
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
        return new SimChild(name, log, pb.start());
    }

    String name() { return name; }

    /** The child's process id (for jstack or JFR). */
    long pid() { return process.pid(); }

    boolean isAlive() { return process.isAlive(); }

    /**
     * Sends {@code command} and returns the child's reply; throws IllegalStateException on an error reply, a
     * timeout or the child's death. The exception for a timeout or a death carries the end of the child's
     * log, and for a timeout also its main thread's stack (the whole thread dump goes next to the log).
     */
    synchronized String call(String command, Duration timeout) {
        try {
            in.write(command);
            in.newLine();
            in.flush();
            String reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (reply == null) {
                throw new IllegalStateException(name + " did not answer " + verb(command) + " within " + timeout + threadDump() + logTail());
            }
            if (reply == EOF) throw new IllegalStateException(name + " exited (" + exitCode() + ") during " + verb(command) + logTail());
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

    /** The last lines of the child's log, as a suffix for an exception's message. */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
            return "\n--- the last " + tail.size() + " lines of " + log + ":\n" + String.join("\n", tail);
        } catch (IOException | UncheckedIOException e) {
            return "\n--- its log " + log + " is unreadable: " + e;
        }
    }

    /**
     * Takes a thread dump of the live child with jcmd into {@code NAME-threads-MILLIS.txt} beside its log, and
     * returns its main thread's stack as a suffix for an exception's message (a child that stops answering is
     * usually stuck there or in a command it runs on it).
     */
    private String threadDump() {
        if (!process.isAlive()) return "";
        Path out = log.resolveSibling(name + "-threads-" + System.currentTimeMillis() + ".txt");
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                return "\n--- jcmd did not dump its threads within 30 s";
            }
            String dump = Files.readString(out, StandardCharsets.UTF_8);
            for (String block : dump.split("\n\s*\n")) {
                if (block.startsWith("\"main\"")) return "\n--- its main thread (all threads in " + out + "):\n" + block;
            }
            return "\n--- no main thread in its thread dump " + out;
        } catch (IOException e) {
            return "\n--- no thread dump: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Why a child that is no longer alive is gone: its exit code and the end of its log. */
    String exitNotice() {
        return name + " exited (" + exitCode() + ")" + logTail();
    }

    /** The child's exit code, waiting a little for it: its stdout closes a moment before it is gone. */
    private String exitCode() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) return "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "still running";
        }
        return "exit code " + process.exitValue();
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
