package dev.shoal.cli.service;

import dev.shoal.cli.opts.ByteSize;
import dev.shoal.cli.opts.NanoCpus;
import dev.shoal.model.GenericResource;
import dev.shoal.model.ResourceRequirements;
import dev.shoal.model.Resources;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The CPU and memory flags of {@code service create} and {@code service update}, as Docker's:
 * {@code --limit-cpu|memory} and {@code --reserve-cpu|memory}. A picocli mixin.
 */
public final class ResourceFlags {
    @Option(names = "--limit-cpu", paramLabel = "decimal", converter = NanoCpus.Converter.class, description = "Limit CPUs")
    private Long limitCpu;

    @Option(names = "--limit-memory", paramLabel = "bytes", converter = ByteSize.Converter.class, description = "Limit Memory")
    private Long limitMemory;

    @Option(names = "--reserve-cpu", paramLabel = "decimal", converter = NanoCpus.Converter.class, description = "Reserve CPUs")
    private Long reserveCpu;

    @Option(names = "--reserve-memory", paramLabel = "bytes", converter = ByteSize.Converter.class, description = "Reserve Memory")
    private Long reserveMemory;

    /** Whether any of these flags was given. */
    boolean anyGiven() { return limitCpu != null || limitMemory != null || reserveCpu != null || reserveMemory != null; }

    /** {@code base} with each given flag replacing its amount, and {@code reservedGeneric} as the reserved generic resources. */
    ResourceRequirements apply(ResourceRequirements base, List<GenericResource> reservedGeneric) {
        Resources lim = base.limits();
        Resources res = base.reservations();
        return new ResourceRequirements(
                new Resources(limitCpu != null ? limitCpu : lim.nanoCpus(), limitMemory != null ? limitMemory : lim.memoryBytes(),
                        lim.genericResources()),
                new Resources(reserveCpu != null ? reserveCpu : res.nanoCpus(), reserveMemory != null ? reserveMemory : res.memoryBytes(),
                        reservedGeneric));
    }
}
