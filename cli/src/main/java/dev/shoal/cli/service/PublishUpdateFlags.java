package dev.shoal.cli.service;

import dev.shoal.cli.opts.PublishSpec;
import dev.shoal.model.EndpointSpec;
import dev.shoal.model.PortConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code service update --publish-add} and {@code --publish-rm}, as Docker's: a removed value matches the
 * service's ports by target port, protocol and mode (so {@code --publish-rm 80} removes {@code 8080:80});
 * an added port replaces one with the same published port and protocol. A picocli mixin.
 */
public final class PublishUpdateFlags {
    @Option(names = "--publish-add", paramLabel = "port", converter = PublishSpec.Converter.class,
            description = "Add or update a published port (published:target[/protocol], or published=8080,target=80,protocol=tcp,mode=host)")
    private List<PublishSpec> add = new ArrayList<>();

    @Option(names = "--publish-rm", paramLabel = "port", converter = PublishSpec.Converter.class,
            description = "Remove a published port by its target port")
    private List<PublishSpec> rm = new ArrayList<>();

    /** Whether any of these flags was given. */
    boolean anyGiven() { return !add.isEmpty() || !rm.isEmpty(); }

    /** {@code e} with the given flags applied. */
    EndpointSpec apply(EndpointSpec e) {
        if (!anyGiven()) return e;
        List<PortConfig> ports = new ArrayList<>();
        for (PortConfig p : e.ports()) {
            if (rm.stream().flatMap(s -> s.ports().stream()).noneMatch(r -> r.targetPort() == p.targetPort()
                    && r.protocol().equals(p.protocol()) && r.publishMode().equals(p.publishMode()))) {
                ports.add(p);
            }
        }
        for (PublishSpec s : add) {
            for (PortConfig p : s.ports()) {
                ports.removeIf(q -> p.publishedPort() != 0 && q.publishedPort() == p.publishedPort() && q.protocol().equals(p.protocol()));
                ports.add(p);
            }
        }
        return new EndpointSpec(e.mode(), ports);
    }
}
