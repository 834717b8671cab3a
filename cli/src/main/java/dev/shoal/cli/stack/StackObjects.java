package dev.shoal.cli.stack;

import dev.shoal.cli.client.ApiClient;
import dev.shoal.cli.client.ServiceEntry;
import dev.shoal.model.Config;
import dev.shoal.model.Network;
import dev.shoal.model.Secret;
import dev.shoal.stack.convert.StackPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stack as the swarm holds it: the services, networks, secrets and configs labelled with its namespace
 * ({@code com.docker.stack.namespace}), found the way docker/cli finds them. Read once; immutable.
 */
record StackObjects(List<ServiceEntry> services, List<Network> networks, List<Secret> secrets, List<Config> configs) {

    static StackObjects of(ApiClient client, String namespace) {
        List<ServiceEntry> services = new ArrayList<>();
        for (ServiceEntry e : client.services()) if (namespace.equals(label(e.service().spec().labels()))) services.add(e);
        services.sort(Comparator.comparing(e -> e.service().spec().name()));
        List<Network> networks = new ArrayList<>();
        for (Network n : client.networks()) if (namespace.equals(label(n.spec().labels()))) networks.add(n);
        List<Secret> secrets = new ArrayList<>();
        for (Secret s : client.secrets()) if (namespace.equals(label(s.spec().labels()))) secrets.add(s);
        List<Config> configs = new ArrayList<>();
        for (Config c : client.configs()) if (namespace.equals(label(c.spec().labels()))) configs.add(c);
        return new StackObjects(services, networks, secrets, configs);
    }

    /** Every stack with at least one service, by name, with its number of services. */
    static Map<String, Integer> stacks(ApiClient client) {
        Map<String, Integer> out = new TreeMap<>();
        for (ServiceEntry e : client.services()) {
            String ns = label(e.service().spec().labels());
            if (ns != null) out.merge(ns, 1, Integer::sum);
        }
        return out;
    }

    boolean isEmpty() { return services.isEmpty() && networks.isEmpty() && secrets.isEmpty() && configs.isEmpty(); }

    private static String label(Map<String, String> labels) { return labels == null ? null : labels.get(StackPlan.NAMESPACE_LABEL); }
}
