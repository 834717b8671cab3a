package dev.shoal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
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
    void threeManagersAndTwoAgentHostsInJvmsOfTheirOwn() throws Exception {
        SimOptions o = new SimOptions(3, 4, 40, 2, Duration.ZERO, dir.resolve("data"), true, Duration.ofMinutes(2), 2, null);
        SimResult r = new ShoalSim(o, new PrintStream(OutputStream.nullOutputStream())).run();
        assertEquals(40, r.tasks());
        assertTrue(r.raftBytesPerTask() > 0, r.lines());
        assertTrue(Files.exists(dir.resolve("data/manager3.log")), "each child logs under the data dir");
        // every child JVM is gone once the run returns
        assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count());
    }

    @Test
    void optionsParseLikeTheLauncher() {
        SimOptions o = SimOptions.parse(new String[] {"--managers", "3", "--nodes", "1000", "--tasks", "100_000", "--start-delay", "20ms"});
        assertEquals(3, o.managers());
        assertEquals(100_000, o.tasks());
        assertEquals(Duration.ofMillis(20), o.startDelay());
        assertEquals(1, o.agentHosts(), "one agent host per 5,000 agents by default");
        assertTrue(o.separateProcesses());
        assertEquals(2, SimOptions.parse(new String[] {"--nodes", "10000"}).agentHosts());
        assertFalse(SimOptions.parse(new String[] {"--agent-hosts", "0"}).separateProcesses());
        assertEquals(Duration.ofSeconds(5), SimOptions.parse(new String[] {"--election-timeout", "5s"}).electionTimeout());
    }
}
