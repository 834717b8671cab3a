package dev.shoal.install;

import dev.shoal.testing.ShoaldProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The systemd unit and its install script: {@code docker/systemd/install.sh --root DIR} stages a complete
 * install (launchers, the jars they load, unit, default settings, the swarmctl symlink), the staged unit
 * passes {@code systemd-analyze verify} ({@code docker/systemd/verify.sh}), and the staged launchers run.
 * Needs {@code systemd-analyze} (Debian's {@code systemd} package; {@code docker/ci/ensure-tools.sh} installs
 * it) and the packaged jars, which the reactor builds before this module's tests.
 */
class SystemdUnitTest {

    private static final Path REPO = ShoaldProcess.repoRoot();

    /** What a script printed and returned. */
    private record Run(int exitCode, String output) {
        @Override
        public String toString() {
            return "exit " + exitCode + ":\n" + output;
        }
    }

    private static Run run(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("systemd-test", ".out");
        try {
            Process p = new ProcessBuilder(cmd).directory(REPO.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", cmd) + " did not finish within 120 s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Run install(Path root) throws Exception {
        return run("bash", REPO.resolve("docker/systemd/install.sh").toString(), "--root", root.toString());
    }

    private static Run verify(Path root) throws Exception {
        return run("bash", REPO.resolve("docker/systemd/verify.sh").toString(), "--staged", root.toString());
    }

    @Test
    void stagedInstallHasTheUnitSettingsLaunchersAndJars(@TempDir Path root) throws Exception {
        Run r = install(root);
        assertEquals(0, r.exitCode(), r::toString);

        String unit = Files.readString(root.resolve("etc/systemd/system/shoald.service"));
        assertTrue(unit.contains("\nExecStart=/opt/shoal/bin/shoald --data-dir /var/lib/shoal $SHOALD_OPTS\n"), unit);
        assertTrue(unit.contains("\nEnvironmentFile=-/etc/shoal/shoald.env\n"), unit);
        assertTrue(unit.contains("\nStateDirectory=shoal\n"), unit);
        assertTrue(unit.contains("\nRestart=always\n"), unit);
        assertTrue(unit.contains("\nAfter=network-online.target docker.service\n"), unit);
        assertTrue(unit.contains("\nWantedBy=multi-user.target\n"), unit);

        assertTrue(Files.isExecutable(root.resolve("opt/shoal/bin/shoald")));
        assertTrue(Files.isExecutable(root.resolve("opt/shoal/bin/swarmctl")));
        assertTrue(Files.isDirectory(root.resolve("opt/shoal/node-agent/target/lib")));
        assertTrue(Files.isDirectory(root.resolve("opt/shoal/cli/target/lib")));
        assertTrue(Files.readString(root.resolve("etc/shoal/shoald.env")).contains("\nSHOALD_OPTS=\"\"\n"));
        Path link = root.resolve("usr/local/bin/swarmctl");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(Path.of("/opt/shoal/bin/swarmctl"), Files.readSymbolicLink(link));
    }

    @Test
    void stagedUnitPassesSystemdAnalyzeVerify(@TempDir Path root) throws Exception {
        assertEquals(0, install(root).exitCode());
        Run v = verify(root);
        assertEquals(0, v.exitCode(), v::toString);
        assertTrue(v.output().contains("passes systemd-analyze verify"), v::toString);
    }

    /** The check is not vacuous: systemd-analyze only warns about an unknown key, and verify.sh fails on it. */
    @Test
    void verifyRejectsABrokenUnitAndAMissingExecutable(@TempDir Path root) throws Exception {
        assertEquals(0, install(root).exitCode());
        Path unit = root.resolve("etc/systemd/system/shoald.service");
        String good = Files.readString(unit);
        Files.writeString(unit, good.replace("\nRestart=always\n", "\nRestrat=always\n"));
        Run typo = verify(root);
        assertNotEquals(0, typo.exitCode(), typo::toString);
        assertTrue(typo.output().contains("Restrat"), typo::toString);

        Files.writeString(unit, good);
        Files.delete(root.resolve("opt/shoal/bin/shoald"));
        Run missing = verify(root);
        assertNotEquals(0, missing.exitCode(), missing::toString);
        assertTrue(missing.output().contains("/opt/shoal/bin/shoald"), missing::toString);
    }

    /** The staged launchers find their jars: the copied tree is complete, not just present. */
    @Test
    void stagedLaunchersRun(@TempDir Path root) throws Exception {
        assertEquals(0, install(root).exitCode());
        Run shoald = run(root.resolve("opt/shoal/bin/shoald").toString(), "--version");
        assertEquals(0, shoald.exitCode(), shoald::toString);
        assertTrue(shoald.output().contains("shoald"), shoald::toString);
        Run swarmctl = run(root.resolve("opt/shoal/bin/swarmctl").toString(), "--help");
        assertEquals(0, swarmctl.exitCode(), swarmctl::toString);
        assertTrue(swarmctl.output().contains("Usage: swarmctl"), swarmctl::toString);
    }

    /** Reinstalling (an upgrade) keeps the operator's settings and leaves one copy of each jar. */
    @Test
    void reinstallKeepsSettingsAndReplacesJars(@TempDir Path root) throws Exception {
        assertEquals(0, install(root).exitCode());
        Path env = root.resolve("etc/shoal/shoald.env");
        Files.writeString(env, "SHOALD_OPTS=\"--advertise-addr 192.0.2.10\"\n");
        Path stale = root.resolve("opt/shoal/node-agent/target/lib/stale-0.0.1.jar");
        Files.writeString(stale, "old");
        Run again = install(root);
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals("SHOALD_OPTS=\"--advertise-addr 192.0.2.10\"\n", Files.readString(env));
        assertTrue(Files.notExists(stale), "a jar left from an older install is removed");
        List<Path> agentJars = new ArrayList<>();
        try (var s = Files.list(root.resolve("opt/shoal/node-agent/target"))) {
            s.filter(p -> p.toString().endsWith(".jar")).forEach(agentJars::add);
        }
        assertEquals(1, agentJars.size(), agentJars::toString);
    }
}
