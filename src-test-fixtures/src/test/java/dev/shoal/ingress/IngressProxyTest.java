package dev.shoal.ingress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.ingress.IngressProxy;
import dev.shoal.agent.ingress.IngressRoute;
import dev.shoal.testing.Wait;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link IngressProxy} in front of plain local TCP echo servers: routing, updates, refusals, port release. */
class IngressProxyTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

    private IngressProxy proxy;
    private EchoServer a;
    private EchoServer b;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        proxy = new IngressProxy(LOOPBACK, 2, 2000);
        a = new EchoServer("a");
        b = new EchoServer("b");
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        a.close();
        b.close();
        for (AutoCloseable c : closeables) c.close();
    }

    @Test
    void roundRobinOverTwoBackends() throws IOException {
        int port = freePort();
        proxy.update(Map.of(port, IngressRoute.of("web", a.address(), b.address())));
        assertEquals(List.of(port), List.copyOf(proxy.listeningPorts()));
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) seen.add(greeting(port));
        assertEquals(3, Collections.frequency(seen, "a"), "backends seen: " + seen);
        assertEquals(3, Collections.frequency(seen, "b"), "backends seen: " + seen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(!seen.get(i).equals(seen.get(i - 1)), "alternates: " + seen);
        }
    }

    @Test
    void relaysBothWaysAndPassesOnHalfClose() throws IOException {
        int port = freePort();
        proxy.update(Map.of(port, IngressRoute.of("web", a.address())));
        try (Socket s = connect(port)) {
            s.getOutputStream().write("hello ingress".getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput(); // the echo server answers only after it sees our FIN
            assertEquals("a\nhello ingress", new String(readAll(s.getInputStream()), StandardCharsets.UTF_8));
        }
    }

    @Test
    void relaysALargeStreamIntact() throws Exception {
        int port = freePort();
        proxy.update(Map.of(port, IngressRoute.of("web", a.address())));
        byte[] data = new byte[16 << 20];
        new Random(42).nextBytes(data);
        try (Socket s = connect(port)) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return readAll(s.getInputStream());
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            OutputStream out = s.getOutputStream();
            out.write(data);
            s.shutdownOutput();
            byte[] got = received.get(60, TimeUnit.SECONDS);
            byte[] expected = new byte[data.length + 2];
            expected[0] = 'a';
            expected[1] = '\n';
            System.arraycopy(data, 0, expected, 2, data.length);
            assertEquals(expected.length, got.length);
            assertArrayEquals(expected, got);
        }
    }

    @Test
    void followsBackendChanges() throws IOException {
        int port = freePort();
        proxy.update(Map.of(port, IngressRoute.of("web", a.address())));
        assertEquals("a", greeting(port));
        assertEquals("a", greeting(port));
        proxy.update(Map.of(port, IngressRoute.of("web", b.address())));
        assertEquals("b", greeting(port));
        assertEquals("b", greeting(port));
        proxy.update(Map.of(port, IngressRoute.of("web", a.address(), b.address())));
        List<String> seen = List.of(greeting(port), greeting(port));
        assertTrue(seen.contains("a") && seen.contains("b"), "both after adding one back: " + seen);
    }

    @Test
    void connectionsWhileRelayingSurviveABackendChange() throws IOException {
        int port = freePort();
        proxy.update(Map.of(port, IngressRoute.of("web", a.address())));
        try (Socket s = connect(port)) {
            assertEquals("a", readLine(s.getInputStream()));
            proxy.update(Map.of(port, IngressRoute.of("web", b.address())));
            s.getOutputStream().write("still a".getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            assertEquals("still a", new String(readAll(s.getInputStream()), StandardCharsets.UTF_8));
        }
    }

    @Test
    void noBackendClosesNewConnectionsAtOnce() throws IOException {
        int port = freePort();
        proxy.update(Map.of(port, new IngressRoute("web", List.of())));
        assertTrue(proxy.listeningPorts().contains(port), "the port stays bound");
        try (Socket s = connect(port)) {
            assertClosedWithoutData(s);
        }
    }

    @Test
    void refusingBackendIsSkipped() throws IOException {
        int port = freePort();
        InetSocketAddress dead = new InetSocketAddress(LOOPBACK, freePort()); // nothing listens there
        proxy.update(Map.of(port, IngressRoute.of("web", dead, a.address())));
        for (int i = 0; i < 4; i++) assertEquals("a", greeting(port));
    }

    @Test
    void allBackendsRefusingClosesTheConnection() throws IOException {
        int port = freePort();
        InetSocketAddress dead = new InetSocketAddress(LOOPBACK, freePort());
        proxy.update(Map.of(port, IngressRoute.of("web", dead)));
        try (Socket s = connect(port)) {
            assertClosedWithoutData(s);
        }
    }

    @Test
    void removedPortIsReleased() throws IOException {
        int kept = freePort();
        int removed = freePort();
        proxy.update(Map.of(kept, IngressRoute.of("web", a.address()), removed, IngressRoute.of("api", b.address())));
        assertEquals("b", greeting(removed));
        proxy.update(Map.of(kept, IngressRoute.of("web", a.address())));
        assertEquals(List.of(kept), List.copyOf(proxy.listeningPorts()));
        // NIO hands the socket back to the OS at the event loop's next select: shortly, not synchronously.
        Wait.until("port " + removed + " released", () -> canBind(removed));
        assertEquals("a", greeting(kept));
    }

    @Test
    void takenPortIsReportedAndRetriedWithoutBreakingOthers() throws Exception {
        int free = freePort();
        ServerSocket squatter = new ServerSocket(0, 50, LOOPBACK);
        int taken = squatter.getLocalPort();
        Map<Integer, IngressRoute> routes = Map.of(taken, IngressRoute.of("web", a.address()),
                free, IngressRoute.of("api", b.address()));
        proxy.update(routes);
        assertEquals(List.of(free), List.copyOf(proxy.listeningPorts()));
        assertEquals("b", greeting(free));
        squatter.close();
        Wait.until("port " + taken + " bound by the proxy's retries", () -> proxy.listeningPorts().contains(taken));
        assertEquals("a", greeting(taken));
    }

    @Test
    void closeReleasesEveryPort() throws IOException {
        int port = freePort();
        proxy.update(Map.of(port, IngressRoute.of("web", a.address())));
        proxy.close();
        assertTrue(proxy.listeningPorts().isEmpty());
        proxy.update(Map.of(port, IngressRoute.of("web", a.address()))); // ignored after close
        assertFalse(proxy.listeningPorts().contains(port));
        Wait.until("port " + port + " released", () -> canBind(port));
    }

    @Test
    void portRemovedAndAddedBackIsServedAgain() throws IOException {
        int port = freePort();
        proxy.update(Map.of(port, IngressRoute.of("web", a.address())));
        assertEquals("a", greeting(port));
        proxy.update(Map.of());
        proxy.update(Map.of(port, IngressRoute.of("web", b.address())));
        Wait.until("port " + port + " listening again", () -> proxy.listeningPorts().contains(port));
        assertEquals("b", greeting(port));
    }

    // -- helpers

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    private static boolean canBind(int port) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket(LOOPBACK, port);
        s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        return s;
    }

    /** The name of the backend one new connection reaches. */
    private static String greeting(int port) throws IOException {
        try (Socket s = connect(port)) {
            return readLine(s.getInputStream());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') sb.append((char) c);
        return sb.toString();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static void assertClosedWithoutData(Socket s) {
        try {
            assertEquals(-1, s.getInputStream().read(), "closed without data");
        } catch (IOException e) {
            // a reset also counts as closed
            assertFalse(e instanceof java.net.SocketTimeoutException, "the connection was left open: " + e);
        }
    }
}
