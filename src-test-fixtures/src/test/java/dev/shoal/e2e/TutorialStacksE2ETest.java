package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import dev.shoal.testing.ExampleImages;
import dev.shoal.testing.ShoaldProcess;
import dev.shoal.testing.Swarmctl;
import dev.shoal.testing.Wait;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The user's tutorial, for real: its two stack files, unchanged, deployed with {@code swarmctl stack
 * deploy} on the real engine with the offline-built images. friendlyhello answers "Hello World!" on port
 * 5000 with a visit count that goes up (the app reaches {@code redis} by name); adminer answers on 8998
 * and logs in to {@code db} as the tutorial's user; {@code stack rm} leaves no container, network or
 * service behind.
 */
class TutorialStacksE2ETest {
    private static final Pattern VISITS = Pattern.compile("<b>Visits:</b> (\\d+)");
    private static ShoaldProcess shoald;
    private static Swarmctl ctl;

    @BeforeAll
    static void launch() {
        ExampleImages.ensure();
        shoald = ShoaldProcess.launch("e2e-tutorial");
        ctl = shoald.swarmctl();
        E2e.init(shoald);
    }

    @AfterAll
    static void tearDown() {
        if (shoald != null) shoald.close();
    }

    private static String example(String path) {
        return ShoaldProcess.repoRoot().resolve("examples").resolve(path).toString();
    }

    private static List<Container> stackContainers(String stack) {
        return E2e.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("com.docker.stack.namespace", stack)).exec();
    }

    private static String get(HttpClient http, String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Test
    void friendlyhelloCountsVisitsAndAdminerLogsInToPostgres() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String deploy = ctl.ok("stack", "deploy", "-c", example("friendlyhello/docker-stack.yaml"), "friendlyhello");
        assertTrue(deploy.contains("Creating service friendlyhello_myapp") && deploy.contains("Creating service friendlyhello_redis"), deploy);
        String first = Wait.forValue("friendlyhello to count a visit through redis", Duration.ofSeconds(90), () -> {
            String body = get(http, "http://127.0.0.1:5000/");
            return body != null && VISITS.matcher(body).find() ? body : null;
        });
        assertTrue(first.contains("<h3>Hello World!</h3>"), first);
        String second = get(http, "http://127.0.0.1:5000/");
        assertTrue(second != null && second.contains("<h3>Hello World!</h3>"), String.valueOf(second));
        Matcher m1 = VISITS.matcher(first);
        Matcher m2 = VISITS.matcher(second);
        assertTrue(m1.find() && m2.find(), first + " / " + second);
        assertEquals(Integer.parseInt(m1.group(1)) + 1, Integer.parseInt(m2.group(1)), "the visit count goes up by one");

        ctl.ok("stack", "deploy", "-c", example("postgres-adminer/docker-stack.yaml"), "postgresql");
        assertTrue(ctl.ok("stack", "ls").contains("postgresql"));
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(2)).build();
        Wait.forValue("adminer on port 8998", Duration.ofSeconds(90), () -> get(browser, "http://127.0.0.1:8998/"));
        String form = "auth%5Bdriver%5D=pgsql&auth%5Bserver%5D=db&auth%5Busername%5D=dameng&auth%5Bpassword%5D="
                + URLEncoder.encode("pythonic", StandardCharsets.UTF_8) + "&auth%5Bdb%5D=";
        // postgres initialises its database on first start (initdb, with a server on its socket only), which takes
        // a while on a busy machine. Adminer locks a client out after a few dozen failed logins, so the test logs
        // in only once postgres answers on TCP, as adminer will reach it.
        Wait.until("postgres to accept TCP connections", Duration.ofSeconds(240), () -> {
            List<Container> db = E2e.docker().listContainersCmd().withLabelFilter(Map.of(E2e.SERVICE_LABEL, "postgresql_db")).exec();
            return !db.isEmpty() && E2e.exec(db.get(0).getId(), "pg_isready", "-h", "127.0.0.1", "-U", "dameng")
                    .contains("accepting connections");
        });
        String[] last = {""};
        String page;
        try {
            page = Wait.forValue("adminer to log in to db as dameng", Duration.ofSeconds(180), () -> {
                HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8998/"))
                        .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                last[0] = r.statusCode() + " " + r.body();
                return r.body().contains("Logged as") ? r.body() : null;
            });
        } catch (AssertionError e) {
            String error = last[0].replaceAll("(?s).*<div class='error'>(.*?)</div>.*", "$1");
            throw new AssertionError(e.getMessage() + "; adminer's last answer: " + error.substring(0, Math.min(500, error.length()))
                    + "\n" + ctl.run("stack", "ps", "postgresql").stdout(), e);
        }
        assertTrue(page.contains("dameng"), "logged in as the tutorial's user");

        ctl.ok("stack", "rm", "friendlyhello", "postgresql");
        Wait.until("no container, network or service of either stack left", Duration.ofSeconds(120), () ->
                stackContainers("friendlyhello").isEmpty() && stackContainers("postgresql").isEmpty()
                        && E2e.docker().listNetworksCmd().exec().stream()
                        .noneMatch(n -> n.getName().startsWith("friendlyhello_") || n.getName().startsWith("postgresql_"))
                        && ctl.ok("service", "ls", "-q").isBlank());
        try {
            E2e.docker().removeVolumeCmd("postgresql_pgdata").exec(); // Docker's stack rm keeps volumes too
        } catch (RuntimeException e) {
            // already gone
        }
    }
}
