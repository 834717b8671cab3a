package dev.shoal.model;

/** A resource limit of a container's processes ({@code nofile}, {@code nproc}, …), as Docker's. Immutable. */
public record Ulimit(String name, long soft, long hard) {}
