package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * How to run a task's container, as Docker's {@code ContainerSpec}: image, command, environment and
 * labels; mounts, health check, extra hosts, resolver settings, read-only root, init, stop signal,
 * sysctls, ulimits, and the secrets and configs it sees as files. Durations in nanoseconds as in the
 * Docker API. Immutable.
 */
public record ContainerSpec(
        String image,
        Map<String, String> labels,
        List<String> command,
        List<String> args,
        List<String> env,
        String hostname,
        String dir,
        String user,
        Long stopGracePeriod,
        List<Mount> mounts,
        HealthConfig healthcheck,
        List<String> hosts,
        @JsonProperty("DNSConfig") DnsConfig dnsConfig,
        Boolean readOnly,
        Boolean init,
        String stopSignal,
        Map<String, String> sysctls,
        List<Ulimit> ulimits,
        List<SecretReference> secrets,
        List<ConfigReference> configs) {
    public ContainerSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        command = command == null ? List.of() : List.copyOf(command);
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        sysctls = sysctls == null ? Map.of() : Map.copyOf(sysctls);
        ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        configs = configs == null ? List.of() : List.copyOf(configs);
    }

    /** A spec with only the basics (what {@code service create} sets); the rest empty. */
    public ContainerSpec(String image, Map<String, String> labels, List<String> command, List<String> args, List<String> env,
                         String hostname, String dir, String user, Long stopGracePeriod) {
        this(image, labels, command, args, env, hostname, dir, user, stopGracePeriod, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** This spec with another image and environment (what {@code service update} changes). */
    public ContainerSpec withImageAndEnv(String newImage, List<String> newEnv) {
        return new ContainerSpec(newImage, labels, command, args, newEnv, hostname, dir, user, stopGracePeriod, mounts, healthcheck,
                hosts, dnsConfig, readOnly, init, stopSignal, sysctls, ulimits, secrets, configs);
    }

    /** This spec with other labels, command, args, hostname, working dir, user and stop grace period (what {@code service update} changes). */
    public ContainerSpec withBasics(Map<String, String> newLabels, List<String> newCommand, List<String> newArgs, String newHostname,
                                    String newDir, String newUser, Long newStopGracePeriod) {
        return new ContainerSpec(image, newLabels, newCommand, newArgs, env, newHostname, newDir, newUser, newStopGracePeriod, mounts,
                healthcheck, hosts, dnsConfig, readOnly, init, stopSignal, sysctls, ulimits, secrets, configs);
    }

    /** This spec with other mounts, health check, hosts, resolver, root, init, stop signal, sysctls, ulimits, secrets and configs. */
    public ContainerSpec withExtras(List<Mount> newMounts, HealthConfig newHealthcheck, List<String> newHosts, DnsConfig newDns,
                                    Boolean newReadOnly, Boolean newInit, String newStopSignal, Map<String, String> newSysctls,
                                    List<Ulimit> newUlimits, List<SecretReference> newSecrets, List<ConfigReference> newConfigs) {
        return new ContainerSpec(image, labels, command, args, env, hostname, dir, user, stopGracePeriod, newMounts, newHealthcheck,
                newHosts, newDns, newReadOnly, newInit, newStopSignal, newSysctls, newUlimits, newSecrets, newConfigs);
    }

    /** This spec referring to other secrets and configs. */
    public ContainerSpec withReferences(List<SecretReference> newSecrets, List<ConfigReference> newConfigs) {
        return withExtras(mounts, healthcheck, hosts, dnsConfig, readOnly, init, stopSignal, sysctls, ulimits, newSecrets, newConfigs);
    }

    /** Swarm's default stop grace period: 10 s. */
    public static final long DEFAULT_STOP_GRACE_NANOS = 10_000_000_000L;

    public long stopGraceNanos() { return stopGracePeriod == null ? DEFAULT_STOP_GRACE_NANOS : stopGracePeriod; }
}
