package dev.shoal.sim;

import dev.shoal.agent.Agent;
import dev.shoal.agent.AgentThreads;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulated agents in their own JVM, so that 10,000 of them fit under the per-process open-file limit
 * (each holds one socket here, the dispatcher's end is in a manager's process) and their protocol work
 * is not charged to a manager's heap or pauses. Driven over {@link SimChildLoop}; argument: {@code shared}
 * or {@code own} (agent threads). Commands: {@code start DISPATCHER START_DELAY_MS FIRST_INDEX ID,ID,...},
 * {@code registered} (agents holding a session), {@code exit} (closes the agents).
 */
public final class SimAgentHostProcess {
    private SimAgentHostProcess() {}

    /** Runs agents until {@code exit} or the end of stdin. */
    public static void main(String[] args) {
        SimChildLoop.exitAfter(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        boolean shared = args.length == 0 || args[0].equals("shared");
        try (AgentThreads threads = shared ? AgentThreads.create(2, 32) : null;
             SimAgents agents = new SimAgents()) {
            Map<String, SimChildLoop.Command> commands = new LinkedHashMap<>();
            commands.put("start", a -> {
                List<String> ids = Arrays.asList(a[3].split(","));
                agents.start(ids, Integer.parseInt(a[2]), a[0], Duration.ofMillis(Long.parseLong(a[1])),
                        (id, addr, engine, c, host) -> new Agent(id, addr, engine, c, host, threads));
                return Integer.toString(ids.size());
            });
            commands.put("registered", a -> Integer.toString(agents.registered()));
            SimChildLoop.serve(commands);
        }
    }
}
