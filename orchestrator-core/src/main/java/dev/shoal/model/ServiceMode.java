package dev.shoal.model;

/** A service's mode, shaped as Docker's JSON: exactly one of {@code Replicated} or {@code Global} is set. */
public record ServiceMode(ReplicatedMode replicated, GlobalMode global) {
    public static ServiceMode replicated(long replicas) { return new ServiceMode(new ReplicatedMode(replicas), null); }

    public static ServiceMode newGlobal() { return new ServiceMode(null, new GlobalMode()); }

    /** True for a global service (not a bean getter, so it never shadows the {@code Global} property). */
    public boolean runsGlobally() { return global != null; }

    /** Docker's name for the mode in tables: "replicated" or "global". */
    public String display() { return runsGlobally() ? "global" : "replicated"; }
}
