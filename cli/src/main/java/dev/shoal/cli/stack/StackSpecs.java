package dev.shoal.cli.stack;

import dev.shoal.model.ConfigReference;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.NetworkAttachmentConfig;
import dev.shoal.model.SecretReference;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Comparing a stack file's service with the one the swarm holds, so a redeploy updates only what
 * changed: network names are resolved to the ids the swarm stores, and secret and config references
 * are compared by name (the swarm fills in their ids). Stateless.
 */
final class StackSpecs {
    private StackSpecs() {}

    static TaskSpec withNetworkIds(TaskSpec t, Map<String, String> idsByName) {
        List<NetworkAttachmentConfig> nets = new ArrayList<>();
        for (NetworkAttachmentConfig a : t.networks()) nets.add(new NetworkAttachmentConfig(idsByName.getOrDefault(a.target(), a.target()), a.aliases()));
        return t.withNetworks(nets);
    }

    /** Whether the swarm's spec {@code current} already is {@code wanted} (up to ids the swarm filled in). */
    static boolean sameDeployment(ServiceSpec current, ServiceSpec wanted) {
        return Objects.equals(withoutIds(current), withoutIds(wanted));
    }

    private static ServiceSpec withoutIds(ServiceSpec s) {
        TaskSpec t = s.taskTemplate();
        if (t == null || t.containerSpec() == null) return s;
        ContainerSpec c = t.containerSpec();
        List<SecretReference> secrets = new ArrayList<>();
        for (SecretReference r : c.secrets()) secrets.add(new SecretReference(null, r.secretName(), r.file()));
        List<ConfigReference> configs = new ArrayList<>();
        for (ConfigReference r : c.configs()) configs.add(new ConfigReference(null, r.configName(), r.file()));
        return s.withTaskTemplate(t.withContainerSpec(c.withReferences(secrets, configs)));
    }
}
