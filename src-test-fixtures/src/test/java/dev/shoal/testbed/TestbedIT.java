package dev.shoal.testbed;

import dev.shoal.testing.Testbed;
import dev.shoal.testing.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The testbed itself, on two hosts: each host's engine publishes ports at the host's own address, a cut link
 * makes the host unreachable and a healed one reachable again, shoald runs per host and two of them form a
 * swarm, and teardown leaves nothing behind. Runs in {@code mvn verify} (failsafe) as root, as CI does; it
 * fails, rather than skips, on a machine that cannot run the testbed ({@code -DskipITs} opts out).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestbedIT {
    private static Testbed tb;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @BeforeAll
    static void up() {
        String why = Testbed.unavailableReason();
        if (why != null) {
            throw new AssertionError("this machine cannot run the testbed: " + why);
        }
        Testbed.down(); // a clean slate, whatever an earlier run left
        tb = Testbed.up(2);
    }

    @AfterAll
    static void down() {
        if (tb != null) {
            tb.close();
        }
    }

    private static String get(String ip, int port) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port + "/")).timeout(Duration.ofSeconds(2)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    @Order(1)
    void eachHostPublishesPortsAtItsOwnAddress() {
        for (int n = 1; n <= 2; n++) {
            tb.docker(n, "run", "-d", "--name", "web", "-p", "8080:80", "shoal/busybox:latest",
                    "sh", "-c", "mkdir -p /w && echo hello-from-" + tb.hostname(n) + " > /w/index.html && exec httpd -f -p 80 -h /w");
        }
        for (int n = 1; n <= 2; n++) {
            String ip = tb.ip(n);
            String want = "hello-from-" + tb.hostname(n);
            Wait.until(want + " at " + ip + ":8080", () -> get(ip, 8080).strip().equals(want));
        }
        assertTrue(tb.docker(1, "info", "--format", "{{.Name}}").strip().equals("shoal-h1"), "the engine has the host's name");
    }

    @Test
    @Order(2)
    void aCutLinkMakesTheHostUnreachableUntilHealed() throws Exception {
        tb.linkDown(2);
        assertThrows(IOException.class, () -> get(tb.ip(2), 8080));
        assertEquals("hello-from-shoal-h1", get(tb.ip(1), 8080).strip(), "the other host is unaffected");
        tb.linkUp(2);
        Wait.until("shoal-h2 reachable again", () -> get(tb.ip(2), 8080).strip().equals("hello-from-shoal-h2"));
    }

    @Test
    @Order(3)
    void shoaldRunsPerHostAndTwoHostsFormASwarm() {
        tb.startShoald(1, 2);
        tb.swarmctl(1).ok("swarm", "init", "--advertise-addr", tb.ip(1));
        String token = tb.swarmctl(1).ok("swarm", "join-token", "-q", "worker").strip();
        tb.swarmctl(2).ok("swarm", "join", "--token", token, tb.clusterAddr(1));
        Wait.until("both nodes Ready in node ls", Duration.ofSeconds(60), () -> {
            List<String> lines = tb.swarmctl(1).run("node", "ls").lines();
            return lines.stream().filter(l -> l.contains(" Ready ")).count() == 2
                    && lines.stream().anyMatch(l -> l.contains("shoal-h2"));
        });
        tb.killShoald(2);
        assertFalse(tb.shoaldRunning(2));
        assertTrue(tb.shoaldRunning(1));
    }

    @Test
    @Order(4)
    void teardownLeavesNothingBehind() throws Exception {
        tb.close();
        assertFalse(Files.exists(Path.of("/var/run/netns/shoal-h1")));
        assertFalse(Files.exists(Path.of("/run/shoal-testbed")));
        assertFalse(Files.exists(Path.of("/var/lib/shoal-testbed")));
        assertFalse(Files.exists(Path.of("/sys/class/net/shoaltb0")));
        assertTrue(Files.exists(tb.logDir().resolve("h1/dockerd.log")), "the hosts' logs are kept");
        assertTrue(Files.exists(tb.logDir().resolve("h2/shoald.log")));
        tb = null;
    }
}
