package dev.shoal.stack.convert;

import dev.shoal.model.ConfigSpec;
import dev.shoal.model.NetworkSpec;
import dev.shoal.model.SecretSpec;
import dev.shoal.model.ServiceSpec;
import java.util.List;

/**
 * What deploying a stack asks of the swarm, as {@code docker stack deploy} computes it: the networks,
 * secrets and configs to create (the stack's own, named {@code <stack>_<key>}), the external ones that
 * must already exist, and every service's full spec. Immutable.
 */
public record StackPlan(String namespace, List<NetworkSpec> networks, List<String> externalNetworks, List<SecretSpec> secrets,
                        List<String> externalSecrets, List<ConfigSpec> configs, List<String> externalConfigs,
                        List<ServiceSpec> services) {
    /** The label Docker puts on everything a stack creates. */
    public static final String NAMESPACE_LABEL = ServiceConverter.LABEL_NAMESPACE;

    public StackPlan {
        networks = List.copyOf(networks);
        externalNetworks = List.copyOf(externalNetworks);
        secrets = List.copyOf(secrets);
        externalSecrets = List.copyOf(externalSecrets);
        configs = List.copyOf(configs);
        externalConfigs = List.copyOf(externalConfigs);
        services = List.copyOf(services);
    }
}
