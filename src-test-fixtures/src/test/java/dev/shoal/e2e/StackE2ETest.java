package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import dev.shoal.testing.FreePorts;
import dev.shoal.testing.ShoaldProcess;
import dev.shoal.testing.Swarmctl;
import dev.shoal.testing.TestImages;
import dev.shoal.testing.Wait;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code stack deploy} with the real binaries and engine: the stack's network, secret, config and services
 * are created; the clients reach the server by its service name; the config and the secret are files in
 * the containers; the published port answers through the ingress; a redeploy of the same file changes
 * nothing; a file with a typo is refused and deploys nothing; {@code stack rm} leaves no container,
 * network or service behind.
 */
class StackE2ETest {
    private static ShoaldProcess shoald;
    private static Swarmctl ctl;
    private static int webPort;

    @BeforeAll
    static void launch() throws IOException {
        TestImages.busybox();
        shoald = ShoaldProcess.launch("e2e-stack");
        webPort = new FreePorts().next();
        ctl = new Swarmctl(ShoaldProcess.repoRoot(), shoald.apiHost(), Map.of("WEB_PORT", String.valueOf(webPort)));
        E2e.init(shoald);
    }

    @AfterAll
    static void tearDown() {
        if (shoald != null) shoald.close();
    }

    private static String stackFile(String name) {
        return Path.of("src/test/resources/stacks", name).toAbsolutePath().toString();
    }

    private static List<Container> containersOf(String service) {
        return E2e.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(E2e.SERVICE_LABEL, service)).exec();
    }

    private static String get(int port) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(2000);
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void deployRunRedeployAndRemoveAStack() throws Exception {
        Swarmctl.Result typo = ctl.run("stack", "deploy", "-c", stackFile("typo.yml"), "bad");
        assertTrue(typo.exitCode() != 0 && typo.stderr().contains("replicass"), typo.toString());
        assertTrue(ctl.run("stack", "ls").stdout().trim().equals("NAME      SERVICES"), "nothing was deployed from the bad file");

        String deploy = ctl.ok("stack", "deploy", "-c", stackFile("web-and-client.yml"), "demo");
        assertEquals(List.of("Creating network demo_default", "Creating secret demo_pw", "Creating config demo_index",
                "Creating service demo_client", "Creating service demo_server"), E2e.lines(deploy));
        assertTrue(ctl.ok("stack", "ls").contains("demo      2"));
        Wait.until("demo at 2/2 and 1/1", Duration.ofSeconds(60), () -> {
            Map<String, String> client = E2e.serviceRow(ctl, "demo_client");
            Map<String, String> server = E2e.serviceRow(ctl, "demo_server");
            return "2/2".equals(client.get("REPLICAS")) && "1/1".equals(server.get("REPLICAS"));
        });
        assertEquals("Hello from a stack\n", Wait.forValue("the server through the published port", () -> {
            try {
                return get(webPort);
            } catch (IOException e) {
                return null;
            }
        }));
        for (Container c : containersOf("demo_client")) {
            String id = c.getId();
            assertEquals("Hello from a stack\n", Wait.forValue("a client fetched http://server:8080/ by the service's name",
                    () -> {
                        String page = E2e.exec(id, "cat", "/tmp/page");
                        return page.startsWith("Hello") ? page : null;
                    }));
            assertEquals("pythonic", E2e.exec(id, "cat", "/run/secrets/pw"));
        }
        assertTrue(!ctl.ok("secret", "inspect", "demo_pw").contains("pythonic"), "the secret's value is never shown");
        assertEquals(3, E2e.table(ctl.ok("stack", "ps", "demo", "-f", "desired-state=running")).size());

        assertEquals("", ctl.ok("stack", "deploy", "-c", stackFile("web-and-client.yml"), "demo"), "an unchanged redeploy changes nothing");

        String rm = ctl.ok("stack", "rm", "demo");
        assertTrue(rm.contains("Removing service demo_client") && rm.contains("Removing network demo_default"), rm);
        Wait.until("no container, network or service of the stack left", Duration.ofSeconds(60), () ->
                containersOf("demo_client").isEmpty() && containersOf("demo_server").isEmpty()
                        && E2e.docker().listNetworksCmd().withNameFilter("demo_default").exec().isEmpty()
                        && ctl.ok("service", "ls", "-q").isBlank());
        Swarmctl.Result again = ctl.run("stack", "rm", "demo");
        assertTrue(again.exitCode() != 0 && again.stderr().contains("Nothing found in stack: demo"), again.toString());
    }
}
