package dev.shoal.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** The result of running swarmctl in a test: exit code, stdout and stderr (with "\n" line ends). */
record Run(int code, String out, String err) {
    /** The fixed "now" of every test run. */
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    static Run of(Map<String, String> env, String... args) {
        return withInput("", env, args);
    }

    /** Runs swarmctl against {@code daemon} ({@code -H} first), with an empty environment. */
    static Run against(FakeDaemon daemon, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-H";
        all[1] = daemon.host();
        System.arraycopy(args, 0, all, 2, args.length);
        return of(Map.of(), all);
    }

    /** As {@link #of}, with {@code stdin} as the standard input. */
    static Run withInput(String stdin, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Swarmctl.run(args, env, Clock.fixed(NOW, ZoneOffset.UTC),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out), new PrintWriter(err));
        String nl = System.lineSeparator();
        return new Run(code, out.toString().replace(nl, "\n"), err.toString().replace(nl, "\n"));
    }
}
