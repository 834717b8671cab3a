package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One service of a stack (docker/cli {@code ServiceConfig}); every field keeps Docker's key and its omit-when-empty rule.
 *
 * <p>{@code extras} holds the {@code x-*} extension keys, printed inline as Docker does.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record ServiceConfig(
        @JsonProperty("build") @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = GoZero.class) BuildConfig build,
        @JsonProperty("cap_add") List<String> capAdd,
        @JsonProperty("cap_drop") List<String> capDrop,
        @JsonProperty("cgroupns_mode") String cgroupnsMode,
        @JsonProperty("cgroup_parent") String cgroupParent,
        @JsonProperty("command") List<String> command,
        @JsonProperty("configs") List<FileReference> configs,
        @JsonProperty("container_name") String containerName,
        @JsonProperty("credential_spec") @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = GoZero.class) CredentialSpec credentialSpec,
        @JsonProperty("depends_on") List<String> dependsOn,
        @JsonProperty("deploy") @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = GoZero.class) DeployConfig deploy,
        @JsonProperty("devices") List<String> devices,
        @JsonProperty("dns") List<String> dns,
        @JsonProperty("dns_search") List<String> dnsSearch,
        @JsonProperty("domainname") String domainname,
        @JsonProperty("entrypoint") List<String> entrypoint,
        @JsonProperty("environment") Map<String, String> environment,
        @JsonProperty("env_file") List<String> envFile,
        @JsonProperty("expose") List<String> expose,
        @JsonProperty("external_links") List<String> externalLinks,
        @JsonProperty("extra_hosts") List<String> extraHosts,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("healthcheck") HealthCheckConfig healthcheck,
        @JsonProperty("image") String image,
        @JsonProperty("init") Boolean init,
        @JsonProperty("ipc") String ipc,
        @JsonProperty("isolation") String isolation,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("links") List<String> links,
        @JsonProperty("logging") LoggingConfig logging,
        @JsonProperty("mac_address") String macAddress,
        @JsonProperty("network_mode") String networkMode,
        @JsonProperty("networks") Map<String, ServiceNetworkConfig> networks,
        @JsonProperty("pid") String pid,
        @JsonProperty("ports") List<PortConfig> ports,
        @JsonProperty("privileged") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean privileged,
        @JsonProperty("read_only") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean readOnly,
        @JsonProperty("restart") String restart,
        @JsonProperty("secrets") List<FileReference> secrets,
        @JsonProperty("security_opt") List<String> securityOpt,
        @JsonProperty("shm_size") String shmSize,
        @JsonProperty("stdin_open") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean stdinOpen,
        @JsonProperty("stop_grace_period") GoDuration stopGracePeriod,
        @JsonProperty("stop_signal") String stopSignal,
        @JsonProperty("sysctls") Map<String, String> sysctls,
        @JsonProperty("tmpfs") List<String> tmpfs,
        @JsonProperty("tty") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean tty,
        @JsonProperty("ulimits") Map<String, Ulimit> ulimits,
        @JsonProperty("user") String user,
        @JsonProperty("userns_mode") String usernsMode,
        @JsonProperty("volumes") List<ServiceVolume> volumes,
        @JsonProperty("working_dir") String workingDir,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public ServiceConfig {
        capAdd = capAdd == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(capAdd));
        capDrop = capDrop == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(capDrop));
        command = command == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(command));
        configs = configs == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(configs));
        dependsOn = dependsOn == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(dependsOn));
        devices = devices == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(devices));
        dns = dns == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(dns));
        dnsSearch = dnsSearch == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(dnsSearch));
        entrypoint = entrypoint == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(entrypoint));
        environment = environment == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        envFile = envFile == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(envFile));
        expose = expose == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(expose));
        externalLinks = externalLinks == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(externalLinks));
        extraHosts = extraHosts == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(extraHosts));
        labels = labels == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        links = links == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(links));
        networks = networks == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(networks));
        ports = ports == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(ports));
        secrets = secrets == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(secrets));
        securityOpt = securityOpt == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(securityOpt));
        sysctls = sysctls == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sysctls));
        tmpfs = tmpfs == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tmpfs));
        ulimits = ulimits == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ulimits));
        volumes = volumes == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(volumes));
        extras = extras == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extras));
    }
}
