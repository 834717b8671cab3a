package dev.shoal.manager.controlapi;

import dev.shoal.model.ConfigReference;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.NetworkAttachmentConfig;
import dev.shoal.model.SecretReference;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.TaskSpec;
import dev.shoal.store.ReadTx;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the networks, secrets and configs a service spec names into the store's objects, as
 * SwarmKit's control API checks them: every reference must exist (INVALID naming the missing one);
 * network targets given by name become ids; a secret or config reference by name alone gets its id.
 * Pure; stateless.
 */
final class ServiceReferences {
    private ServiceReferences() {}

    static ServiceSpec resolve(ReadTx tx, ServiceSpec spec) {
        TaskSpec t = spec.taskTemplate();
        if (t == null || t.containerSpec() == null) return spec;
        List<NetworkAttachmentConfig> networks = new ArrayList<>();
        for (NetworkAttachmentConfig a : t.networks()) {
            var n = find(() -> Resolver.named(tx, "network", a.target(), tx::network, tx::networkByName, tx.networks()),
                    "network " + a.target() + " not found");
            networks.add(new NetworkAttachmentConfig(n.id(), a.aliases()));
        }
        ContainerSpec c = t.containerSpec();
        List<SecretReference> secrets = new ArrayList<>();
        for (SecretReference r : c.secrets()) {
            String ref = r.secretId() != null && !r.secretId().isEmpty() ? r.secretId() : r.secretName();
            var s = find(() -> Resolver.named(tx, "secret", ref, tx::secret, tx::secretByName, tx.secrets()),
                    "secret not found: " + ref);
            secrets.add(new SecretReference(s.id(), s.name(), r.file()));
        }
        List<ConfigReference> configs = new ArrayList<>();
        for (ConfigReference r : c.configs()) {
            String ref = r.configId() != null && !r.configId().isEmpty() ? r.configId() : r.configName();
            var s = find(() -> Resolver.named(tx, "config", ref, tx::config, tx::configByName, tx.configs()),
                    "config not found: " + ref);
            configs.add(new ConfigReference(s.id(), s.name(), r.file()));
        }
        if (networks.equals(t.networks()) && secrets.equals(c.secrets()) && configs.equals(c.configs())) return spec;
        return spec.withTaskTemplate(t.withContainerSpec(c.withReferences(secrets, configs)).withNetworks(networks));
    }

    private static <T> T find(java.util.function.Supplier<T> lookup, String missing) {
        try {
            return lookup.get();
        } catch (ApiException e) {
            if (e.kind() == ApiException.Kind.NOT_FOUND) throw ApiException.invalid(missing);
            throw e;
        }
    }
}
