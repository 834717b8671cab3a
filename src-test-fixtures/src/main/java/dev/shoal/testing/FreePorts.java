package dev.shoal.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out loopback ports for servers that a test or the simulator starts a moment later, often in
 * another JVM. The ports come from below the kernel's ephemeral range: a port found by binding port 0
 * lies inside that range, where any outgoing connection on the machine may take it as its local port
 * before the server binds it (a Raft peer dialling its peers does exactly that while the next peer is
 * still starting). Each port was free when handed out, and one instance hands out a port again only
 * after going round its whole range.
 * Thread-safe.
 */
public final class FreePorts {
    private static final int LOWEST = 10_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;

    private final int low;
    private final int high;
    private int next;

    /** Ports from 10000 up to the start of this machine's ephemeral range, starting at a random one. */
    public FreePorts() {
        this.low = LOWEST;
        this.high = Math.max(LOWEST + 1_000, ephemeralStart());
        this.next = low + ThreadLocalRandom.current().nextInt(high - low);
    }

    /** A port that was free on loopback a moment ago. */
    public synchronized int next() {
        for (int tried = 0; tried < high - low; tried++) {
            int p = advance();
            if (free(p)) return p;
        }
        throw new IllegalStateException("no free port on loopback in " + low + "-" + (high - 1));
    }

    /** A port p such that p and p + 1 were both free (a cluster port and the Raft port after it). */
    public synchronized int pair() {
        for (int tried = 0; tried < high - low; tried++) {
            int p = advance();
            if (p + 1 >= high) continue;
            if (free(p) && free(p + 1)) {
                next = p + 2 >= high ? low : p + 2;
                return p;
            }
        }
        throw new IllegalStateException("no two adjacent free ports on loopback in " + low + "-" + (high - 1));
    }

    private int advance() {
        int p = next;
        next = p + 1 >= high ? low : p + 1;
        return p;
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux), or 32768 where it cannot be read. */
    private static int ephemeralStart() {
        try {
            // readAllLines, not readString: procfs reports a size of 0, and readString then returns one byte
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"), StandardCharsets.US_ASCII).get(0);
            return Integer.parseInt(range.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
