package dev.shoal.raft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Loopback peers on free ports and test-speed Raft settings. */
final class TestPeers {
    private TestPeers() {}

    /** Shorter election timeouts than production so failover tests finish quickly (no bound is asserted). */
    static RaftSettings fastSettings() {
        return RaftSettings.defaults().withElectionTimeout(Duration.ofMillis(400), Duration.ofMillis(800));
    }

    static List<ManagerPeer> loopback(int n) {
        List<ManagerPeer> peers = new ArrayList<>();
        for (int i = 0; i < n; i++) peers.add(new ManagerPeer("manager" + (i + 1), "127.0.0.1:" + freePort()));
        return peers;
    }

    static RaftNodeConfig config(String clusterId, ManagerPeer self, List<ManagerPeer> peers, Path dataDir, RaftSettings s) {
        return new RaftNodeConfig(clusterId, self, peers, dataDir, s);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
