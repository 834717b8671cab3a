package dev.shoal.model;

import java.util.List;

/** A container's resolver settings, as Docker's {@code DNSConfig}. Immutable. */
public record DnsConfig(List<String> nameservers, List<String> search, List<String> options) {
    public DnsConfig {
        nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
        search = search == null ? List.of() : List.copyOf(search);
        options = options == null ? List.of() : List.copyOf(options);
    }
}
