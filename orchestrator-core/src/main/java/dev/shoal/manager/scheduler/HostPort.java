package dev.shoal.manager.scheduler;

import dev.shoal.model.PortConfig;
import dev.shoal.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/** A port published in host mode: one per node and protocol. Immutable. */
public record HostPort(String protocol, int port) {
    /** The host-mode published ports of a service spec (empty for ingress-only services). */
    public static List<HostPort> of(ServiceSpec spec) {
        if (spec == null || spec.endpointSpec() == null) return List.of();
        List<HostPort> out = new ArrayList<>();
        for (PortConfig p : spec.endpointSpec().ports()) {
            if ("host".equals(p.publishMode()) && p.publishedPort() > 0) out.add(new HostPort(p.protocol(), p.publishedPort()));
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() { return port + "/" + protocol; }
}
