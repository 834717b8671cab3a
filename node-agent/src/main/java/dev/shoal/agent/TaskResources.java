package dev.shoal.agent;

import dev.shoal.model.Config;
import dev.shoal.model.Network;
import dev.shoal.model.Secret;
import dev.shoal.protocol.AgentMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The networks, secrets and configs this node's tasks use, as the dispatcher last sent them with the
 * tasks' assignments. Secrets live only here, in memory, and in the files of the tasks that use them.
 * Thread-safe.
 */
final class TaskResources {
    private final Map<String, Network> networks = new ConcurrentHashMap<>();
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final Map<String, Config> configs = new ConcurrentHashMap<>();

    /** Takes in what an assignment message carries; on a full set, forgets what it no longer lists. */
    void update(AgentMessage.Assignments a) {
        if (a.full()) {
            networks.clear();
            secrets.clear();
            configs.clear();
        }
        for (Network n : a.networks()) networks.put(n.id(), n);
        for (Secret s : a.secrets()) secrets.put(s.id(), s);
        for (Config c : a.configs()) configs.put(c.id(), c);
    }

    Network network(String id) { return networks.get(id); }

    Secret secret(String id) { return secrets.get(id); }

    Config config(String id) { return configs.get(id); }
}
