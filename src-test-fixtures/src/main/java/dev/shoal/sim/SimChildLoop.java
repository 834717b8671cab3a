package dev.shoal.sim;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The child side of {@link SimChild}: reads one command per line from stdin, runs it, and writes one
 * reply line ({@code =result}, or {@code !error} when the command threw) to the real stdout; everything
 * else the child prints goes to stderr. {@code exit} returns; the end of stdin (the simulator died)
 * halts the JVM at once. Used by one thread.
 */
final class SimChildLoop {
    private SimChildLoop() {}

    /** A command of a child: its arguments (the words after its name) to its one-line result. */
    @FunctionalInterface
    interface Command {
        String run(String[] args) throws Exception;
    }

    /** A child's {@code main}: sets the child up, then {@link #serve}s. */
    @FunctionalInterface
    interface Main {
        void run() throws Exception;
    }

    /**
     * Runs {@code main} and exits the JVM: with 0 when it returns, with 1 when it throws (the failure goes
     * to stderr, the child's log). A child that failed while starting must not live on, unanswering,
     * kept up by the threads it had started; its parent sees it exit and says so.
     */
    static void exitAfter(Main main) {
        int code = 0;
        try {
            main.run();
        } catch (Throwable t) {
            System.err.println("sim child failed:");
            t.printStackTrace();
            code = 1;
        }
        System.exit(code); // also a clean exit for JFR recordings; lingering non-daemon threads must not keep the JVM up
    }

    /** Serves {@code commands} until {@code exit} (then returns) or the end of stdin (then halts). */
    static void serve(Map<String, Command> commands) throws Exception {
        PrintStream replies = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ");
            if (words[0].equals("exit")) {
                replies.println("=bye");
                return;
            }
            Command c = commands.get(words[0]);
            String[] args = Arrays.copyOfRange(words, 1, words.length);
            try {
                if (c == null) throw new IllegalArgumentException("unknown command " + words[0]);
                String r = c.run(args);
                replies.println("=" + (r == null ? "" : r.replace('\n', ' ')));
            } catch (Exception | Error e) {
                e.printStackTrace();
                replies.println("!" + String.valueOf(e).replace('\n', ' '));
            }
        }
        System.err.println("sim child: stdin closed (the simulator is gone); halting");
        Runtime.getRuntime().halt(3);
    }
}
