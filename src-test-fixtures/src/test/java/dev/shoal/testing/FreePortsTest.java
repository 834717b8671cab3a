package dev.shoal.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    private static int ephemeralStart() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        return Files.exists(range) ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]) : 32_768;
    }

    @Test
    void portsAreBelowTheEphemeralRangeBindableAndNeverRepeated() throws Exception {
        FreePorts ports = new FreePorts();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int p = ports.next();
            assertTrue(p >= 10_000 && p < ephemeralStart(), "port " + p + " against " + ephemeralStart());
            assertTrue(seen.add(p), "port " + p + " handed out twice");
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(p, s.getLocalPort());
            }
        }
    }

    @Test
    void aPairIsTwoAdjacentFreePortsAndATakenPortIsSkipped() throws Exception {
        FreePorts ports = new FreePorts();
        int p = ports.pair();
        try (ServerSocket a = new ServerSocket(p, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(p + 1, 1, InetAddress.getLoopbackAddress())) {
            // both bound; the next port handed out is neither, though they are taken now
            int q = ports.next();
            assertNotEquals(p, q);
            assertNotEquals(p + 1, q);
        }
    }
}
