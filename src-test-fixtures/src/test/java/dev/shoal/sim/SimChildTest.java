package dev.shoal.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.Ids;
import dev.shoal.testing.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child that fails or hangs is reported with what it was doing, instead of leaving the simulator waiting blind. */
class SimChildTest {
    @TempDir Path dir;

    @Test
    void aManagerThatFailsAfterStartingRaftExitsAndItsParentSaysWhy() throws Exception {
        FreePorts ports = new FreePorts();
        try (ServerSocket taken = new ServerSocket(ports.next(), 1, InetAddress.getLoopbackAddress())) {
            // Raft starts, then the dispatcher cannot bind: the child must exit, not linger on Raft's threads.
            String peer = SimManagerProcess.peerArg("manager1", "127.0.0.1:" + ports.next(), "127.0.0.1:" + taken.getLocalPort());
            try (SimChild child = SimChild.start("manager1", List.of("-Xmx256m"), SimManagerProcess.class,
                    List.of("manager1", new Ids().next(), dir.resolve("manager1").toString(), peer), dir.resolve("manager1.log"))) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> child.call("leads", Duration.ofMinutes(2)));
                assertTrue(e.getMessage().contains("manager1 exited (exit code 1) during leads"), e.getMessage());
                assertTrue(e.getMessage().contains("DispatcherServer.start"), "the end of its log is in the message: " + e.getMessage());
                assertFalse(child.isAlive());
            }
        }
    }

    @Test
    void aChildThatDoesNotAnswerIsReportedWithItsMainThread() throws Exception {
        try (SimChild child = SimChild.start("silent", List.of("-Xmx64m"), SilentChild.class, List.of(), dir.resolve("silent.log"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> child.call("leads", Duration.ofSeconds(3)));
            assertTrue(e.getMessage().startsWith("silent did not answer leads within PT3S"), e.getMessage());
            assertTrue(e.getMessage().contains("its main thread"), e.getMessage());
            assertTrue(e.getMessage().contains("SilentChild.main"), e.getMessage());
            child.kill();
        }
    }
}
