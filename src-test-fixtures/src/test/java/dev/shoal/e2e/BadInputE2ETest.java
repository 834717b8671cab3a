package dev.shoal.e2e;

import dev.shoal.testing.ShoaldProcess;
import dev.shoal.testing.Swarmctl;
import dev.shoal.testing.TestImages;
import dev.shoal.testing.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input gets a non-zero exit, a message on stderr that says what was wrong, and changes nothing
 * ({@code service ls} is the same after each refusal). An unknown image is accepted, as Docker does, and its
 * tasks are rejected with "No such image" and retried per the restart policy.
 */
class BadInputE2ETest {
    private static ShoaldProcess shoald;
    private static Swarmctl ctl;
    private static String nodeId;
    private static String serviceLs;

    @BeforeAll
    static void launch() {
        TestImages.busybox();
        shoald = ShoaldProcess.launch("e2e-bad");
        ctl = shoald.swarmctl();
        nodeId = E2e.init(shoald);
        ctl.ok("service", "create", "--name", "keep", "--stop-grace-period", "1s", TestImages.BUSYBOX, "sleep", "3600");
        Wait.until("keep at 1/1", () -> {
            Map<String, String> row = E2e.serviceRow(ctl, "keep");
            return row != null && "1/1".equals(row.get("REPLICAS"));
        });
        serviceLs = ctl.ok("service", "ls");
    }

    @AfterAll
    static void tearDown() {
        if (shoald != null) {
            shoald.close();
        }
    }

    /** Every refusal leaves the services as they were. */
    @AfterEach
    void servicesUnchanged() {
        assertEquals(serviceLs, ctl.ok("service", "ls"), "service ls is unchanged");
    }

    private static void assertRefused(Swarmctl.Result r, String... fragments) {
        assertTrue(r.exitCode() != 0, "non-zero exit: " + r);
        for (String f : fragments) {
            assertTrue(r.stderr().contains(f), "stderr mentions '" + f + "': " + r);
        }
    }

    /** Runs the refusals concurrently (each is a JVM start) and checks each one's exit and message. */
    private static void assertAllRefused(Swarmctl client, Object[][] cases) {
        List<List<String>> commands = new ArrayList<>();
        for (Object[] c : cases) {
            commands.add(List.of((String[]) c[0]));
        }
        List<Swarmctl.Result> results = client.runAll(commands);
        for (int i = 0; i < cases.length; i++) {
            assertRefused(results.get(i), (String[]) cases[i][1]);
        }
    }

    private static Object[] refusal(String[] command, String... fragments) {
        return new Object[] {command, fragments};
    }

    private static String[] cmd(String... args) {
        return args;
    }

    @Test
    void duplicateServiceName() {
        assertRefused(ctl.run("service", "create", "--name", "keep", TestImages.BUSYBOX, "sleep", "1"),
                "keep", "already exists");
    }

    @Test
    void badFlagsAndValues() {
        assertAllRefused(ctl, new Object[][] {
            refusal(cmd("service", "create", "--name", "x", "--replicas", "abc", TestImages.BUSYBOX),
                    "--replicas", "abc"),
            refusal(cmd("service", "create", "--name", "x", "--replicas", "-1", TestImages.BUSYBOX),
                    "--replicas", "-1", "negative"),
            refusal(cmd("service", "create", "--name", "x", "--bogus", TestImages.BUSYBOX), "--bogus"),
            refusal(cmd("service", "scale", "keep=abc"), "keep=abc"),
        });
    }

    @Test
    void unknownServiceOrNode() {
        assertAllRefused(ctl, new Object[][] {
            refusal(cmd("service", "ps", "nosuch"), "nosuch", "not found"),
            refusal(cmd("service", "rm", "nosuch"), "nosuch", "not found"),
            refusal(cmd("service", "inspect", "nosuch"), "nosuch", "not found"),
            refusal(cmd("service", "scale", "nosuch=2"), "nosuch", "not found"),
            refusal(cmd("node", "inspect", "nosuch"), "nosuch", "not found"),
        });
    }

    @Test
    void unreachableDaemonNamesTheAddress() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String address = "127.0.0.1:" + closed;
        Swarmctl nowhere = new Swarmctl(ShoaldProcess.repoRoot(), "tcp://" + address);
        Swarmctl viaEnv = new Swarmctl(ShoaldProcess.repoRoot(), null, Map.of("SHOAL_HOST", "tcp://" + address));
        assertRefused(nowhere.run("service", "ls"), address);
        assertRefused(viaEnv.run("node", "ls"), address);
    }

    @Test
    void unknownImageIsAcceptedAndItsTasksAreRejectedAndRetried() {
        try {
            Swarmctl.Result created = ctl.run("service", "create", "--name", "bad", "--restart-delay", "1s",
                    "nosuchimage:1");
            assertEquals(0, created.exitCode(), "Docker accepts a service whose image it cannot find: " + created);

            List<Map<String, String>> rejected = Wait.forValue("2 rejected tasks of bad", Duration.ofSeconds(60), () -> {
                List<Map<String, String>> rows = E2e.table(ctl.ok("service", "ps", "--no-trunc", "bad")).stream()
                        .filter(r -> r.get("CURRENT STATE").startsWith("Rejected")).toList();
                return rows.size() >= 2 ? rows : null;
            });
            for (Map<String, String> r : rejected) {
                assertTrue(r.get("ERROR").contains("No such image: nosuchimage:1"), r.toString());
                assertEquals("bad.1", r.get("NAME").replace("\\_ ", ""), r.toString());
            }
            assertEquals(rejected.size(), rejected.stream().map(r -> r.get("ID")).distinct().count(),
                    "each retry is a new task: " + rejected);

            // The truncated table still says why.
            List<Map<String, String>> shortRows = E2e.table(ctl.ok("service", "ps", "bad"));
            assertTrue(shortRows.stream().anyMatch(r -> r.get("ERROR").contains("No such image")), shortRows.toString());
            assertTrue(E2e.containers(nodeId, "bad", true).isEmpty(), "no container for an image that does not exist");
        } finally {
            ctl.run("service", "rm", "bad");
        }
    }
}
