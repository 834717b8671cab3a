package dev.shoal.model;

import java.util.List;

/** How a service is reached: its published ports. Immutable. */
public record EndpointSpec(String mode, List<PortConfig> ports) {
    public EndpointSpec {
        mode = mode == null ? "vip" : mode;
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public static final EndpointSpec NONE = new EndpointSpec("vip", List.of());
}
