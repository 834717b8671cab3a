package dev.shoal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator runs end to end on a tiny cluster; no time is asserted (it is a benchmark). */
class ShoalSimSmokeTest {
    @TempDir Path dir;

    @Test
    void threeNodesRunThirtyTasks() throws Exception {
        SimOptions o = new SimOptions(1, 3, 30, 2, Duration.ZERO, dir.resolve("data"), true, Duration.ofMinutes(2));
        SimResult r = new ShoalSim(o, new PrintStream(OutputStream.nullOutputStream())).run();
        assertEquals(30, r.tasks());
        assertTrue(r.raftBytesPerTask() > 0, r.lines());
        assertTrue(r.lines().contains("time until every task is RUNNING"), r.lines());
    }

    @Test
    void optionsParseLikeTheLauncher() {
        SimOptions o = SimOptions.parse(new String[] {"--managers", "3", "--nodes", "1000", "--tasks", "100_000", "--start-delay", "20ms"});
        assertEquals(3, o.managers());
        assertEquals(100_000, o.tasks());
        assertEquals(Duration.ofMillis(20), o.startDelay());
    }
}
