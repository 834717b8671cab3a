package dev.shoal.executor.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.VolumeOptions;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.NetworkSettings;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.WaitResponse;
import dev.shoal.executor.ContainerConfig;
import dev.shoal.executor.ContainerExtras;
import dev.shoal.executor.LocalNetwork;
import dev.shoal.executor.ContainerEngine;
import dev.shoal.executor.ContainerState;
import dev.shoal.executor.EngineException;
import dev.shoal.executor.EngineInfo;
import dev.shoal.executor.Labels;
import dev.shoal.executor.ManagedContainer;
import dev.shoal.executor.PublishedPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The production {@link ContainerEngine}: drives one Docker Engine through a single docker-java client.
 *
 * <p>Thread-safe: the client is shared and every method is a self-contained API call. Every engine
 * refusal surfaces as an {@link EngineException} with the engine's own message; none is fatal to the
 * engine object, which stays usable until {@link #close()}. Unreachable engines fail each call the same
 * way (the agent retries).
 *
 * <p>Images: {@link #ensureImage} always tries to pull, like Swarm. When the image is already local the
 * pull gets a short timeout and a failure is only a warning; when it is not, the pull gets a long one.
 *
 * <p>{@link #awaitExit} holds one streaming request per container (docker-java's wait callback runs on its
 * own thread); see {@link DockerClients#MAX_CONNECTIONS}.
 */
public final class DockerEngine implements ContainerEngine {
    private static final Logger log = LoggerFactory.getLogger(DockerEngine.class);

    /** Pull timeout when the image already exists locally (a failure then is a warning). */
    public static final Duration DEFAULT_LOCAL_PULL_TIMEOUT = Duration.ofSeconds(15);
    /** Pull timeout when the image is not local (the pull must succeed). */
    public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(10);

    private static final Pattern EXITED = Pattern.compile("^Exited \\((-?\\d+)\\)");

    private final DockerClient client;
    private final String host;
    private final Duration localPullTimeout;
    private final Duration pullTimeout;
    /** Waits in flight, failed on {@link #close()} (closing the client alone does not end leased streams). */
    private final Set<CompletableFuture<Integer>> pendingWaits = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** Pulls shared by concurrent tasks and skipped for an image made available in the last 30 s. */
    private final ImagePulls pulls = new ImagePulls(Duration.ofSeconds(30), System::nanoTime);

    private DockerEngine(DockerClient client, String host, Duration localPullTimeout, Duration pullTimeout) {
        this.client = client;
        this.host = host;
        this.localPullTimeout = localPullTimeout;
        this.pullTimeout = pullTimeout;
    }

    /**
     * An engine over the Docker Engine at {@code dockerHost}; {@code null} means {@code DOCKER_HOST}, else
     * {@code unix:///var/run/docker.sock}. Does not contact the engine (the first call does).
     */
    public static DockerEngine connect(String dockerHost) {
        return connect(dockerHost, DEFAULT_LOCAL_PULL_TIMEOUT, DEFAULT_PULL_TIMEOUT);
    }

    /** As {@link #connect(String)}, with explicit pull timeouts (image present locally / absent). */
    public static DockerEngine connect(String dockerHost, Duration localPullTimeout, Duration pullTimeout) {
        String host = DockerClients.resolveHost(dockerHost);
        return new DockerEngine(DockerClients.create(host), host, localPullTimeout, pullTimeout);
    }

    /** The engine address this instance talks to. */
    public String host() {
        return host;
    }

    @Override
    public EngineInfo info() throws EngineException {
        try {
            Info info = client.infoCmd().exec();
            Version version = client.versionCmd().exec();
            Map<String, String> labels = new HashMap<>();
            if (info.getLabels() != null) {
                for (String label : info.getLabels()) {
                    int eq = label.indexOf('=');
                    if (eq > 0) {
                        labels.put(label.substring(0, eq), label.substring(eq + 1));
                    } else {
                        labels.put(label, "");
                    }
                }
            }
            String os = info.getOsType() != null ? info.getOsType() : version.getOperatingSystem();
            String arch = info.getArchitecture() != null ? info.getArchitecture() : version.getArch();
            String engineVersion = info.getServerVersion() != null ? info.getServerVersion() : version.getVersion();
            long cpus = info.getNCPU() == null ? 0 : info.getNCPU();
            long memory = info.getMemTotal() == null ? 0 : info.getMemTotal();
            return new EngineInfo(info.getName(), os, arch, cpus * 1_000_000_000L, memory, engineVersion, labels,
                    EngineGenericResources.parse(info.getRawValues().get("GenericResources")));
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
    }

    @Override
    public List<ManagedContainer> list(String nodeId) throws EngineException {
        List<Container> containers;
        try {
            containers = client.listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(Map.of(Labels.NODE_ID, nodeId))
                    .exec();
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
        List<ManagedContainer> out = new ArrayList<>(containers.size());
        for (Container c : containers) {
            Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
            String name = c.getNames() != null && c.getNames().length > 0 ? stripSlash(c.getNames()[0]) : "";
            boolean running = "running".equals(c.getState());
            out.add(new ManagedContainer(c.getId(), name, labels.get(Labels.TASK_ID), labels.get(Labels.SERVICE_ID),
                    running, running ? 0 : exitCode(c.getStatus())));
        }
        return out;
    }

    @Override
    public void ensureImage(String image) throws EngineException {
        pulls.ensure(image, this::pullOrUseLocal);
    }

    private void pullOrUseLocal(String image) throws EngineException {
        ImageRef ref = ImageRef.parse(image);
        boolean local = existsLocally(image);
        try {
            pull(ref, local ? localPullTimeout : pullTimeout);
        } catch (EngineException e) {
            if (local) {
                log.warn("pull of {} failed, using the local image: {}", ref.reference(), e.getMessage());
                return;
            }
            // The engine's "No such image" is what Swarm reports; the pull failure says why.
            if (existsLocally(image)) {
                return;
            }
            throw new EngineException("No such image: " + ref.reference() + " (pull failed: " + e.getMessage() + ")",
                    true, e);
        }
    }

    private boolean existsLocally(String image) throws EngineException {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
    }

    private void pull(ImageRef ref, Duration timeout) throws EngineException {
        StreamFuture<PullResponseItem, Void> pull = new StreamFuture<>(
                (item, done) -> {
                    if (item.isErrorIndicated()) {
                        String error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                                ? item.getErrorDetail().getMessage() : "pull of " + ref.reference() + " failed";
                        done.completeExceptionally(new EngineException(error));
                    }
                },
                done -> done.complete(null));
        try {
            client.pullImageCmd(ref.repository()).withTag(ref.tag()).exec(pull);
            pull.future().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EngineException("pull of " + ref.reference() + " timed out after " + timeout, false, e);
        } catch (ExecutionException e) {
            throw EngineErrors.translate(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while pulling " + ref.reference(), false, e);
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        } finally {
            pull.future().cancel(false);
        }
    }

    @Override
    public String create(ContainerConfig config) throws EngineException {
        HostConfig hostConfig = HostConfig.newHostConfig();
        if (config.nanoCpus() > 0) {
            hostConfig.withNanoCPUs(config.nanoCpus());
        }
        if (config.memoryBytes() > 0) {
            hostConfig.withMemory(config.memoryBytes());
        }
        List<ExposedPort> exposed = new ArrayList<>();
        if (!config.ports().isEmpty()) {
            Ports bindings = new Ports();
            for (PublishedPort p : config.ports()) {
                ExposedPort port = new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol()));
                exposed.add(port);
                bindings.bind(port, p.hostPort() > 0
                        ? Ports.Binding.bindIpAndPort("0.0.0.0", p.hostPort())
                        : Ports.Binding.bindIp("0.0.0.0"));
            }
            hostConfig.withPortBindings(bindings);
        }
        ContainerExtras x = config.extras();
        applyExtras(hostConfig, x);
        try (CreateContainerCmd cmd = client.createContainerCmd(config.image())) {
            if (!exposed.isEmpty()) {
                cmd.withExposedPorts(exposed);
            }
            if (!x.networks().isEmpty()) {
                ContainerExtras.NetworkEndpoint first = x.networks().get(0);
                hostConfig.withNetworkMode(networkId(first.network().name()));
                if (!first.aliases().isEmpty()) cmd.withAliases(first.aliases());
            }
            if (x.healthcheck() != null) {
                ContainerExtras.HealthCheck h = x.healthcheck();
                cmd.withHealthcheck(new HealthCheck().withTest(h.test()).withInterval(h.intervalNanos()).withTimeout(h.timeoutNanos())
                        .withStartPeriod(h.startPeriodNanos()).withRetries(h.retries()));
            }
            if (notBlank(x.stopSignal())) {
                cmd.withStopSignal(x.stopSignal());
            }
            cmd.withName(config.name())
                    .withLabels(config.labels())
                    .withEnv(config.env())
                    .withHostConfig(hostConfig);
            if (!config.entrypoint().isEmpty()) {
                cmd.withEntrypoint(config.entrypoint());
            }
            if (!config.cmd().isEmpty()) {
                cmd.withCmd(config.cmd());
            }
            if (notBlank(config.hostname())) {
                cmd.withHostName(config.hostname());
            }
            if (notBlank(config.workingDir())) {
                cmd.withWorkingDir(config.workingDir());
            }
            if (notBlank(config.user())) {
                cmd.withUser(config.user());
            }
            if (config.stopTimeoutSeconds() > 0) {
                cmd.withStopTimeout(config.stopTimeoutSeconds());
            }
            String id = cmd.exec().getId();
            for (ContainerExtras.NetworkEndpoint n : x.networks().subList(Math.min(1, x.networks().size()), x.networks().size())) {
                client.connectToNetworkCmd().withNetworkId(networkId(n.network().name())).withContainerId(id)
                        .withContainerNetwork(new ContainerNetwork().withAliases(n.aliases())).exec();
            }
            return id;
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
    }

    /** Mounts, hosts, resolver, read-only root, init, sysctls and ulimits onto the host config. */
    private static void applyExtras(HostConfig h, ContainerExtras x) {
        if (!x.mounts().isEmpty()) {
            List<Mount> mounts = new ArrayList<>();
            for (ContainerExtras.MountSpec m : x.mounts()) {
                Mount mount = new Mount().withType(MountType.valueOf(m.type().toUpperCase(java.util.Locale.ROOT)))
                        .withTarget(m.target()).withReadOnly(m.readOnly());
                if (notBlank(m.source())) mount.withSource(m.source());
                if (m.noCopy()) mount.withVolumeOptions(new VolumeOptions().withNoCopy(true));
                if (m.tmpfsSizeBytes() != null || m.tmpfsMode() != null) {
                    TmpfsOptions t = new TmpfsOptions();
                    if (m.tmpfsSizeBytes() != null) t.withSizeBytes(m.tmpfsSizeBytes());
                    if (m.tmpfsMode() != null) t.withMode(m.tmpfsMode());
                    mount.withTmpfsOptions(t);
                }
                mounts.add(mount);
            }
            h.withMounts(mounts);
        }
        if (!x.extraHosts().isEmpty()) h.withExtraHosts(x.extraHosts().toArray(new String[0]));
        if (!x.dnsServers().isEmpty()) h.withDns(x.dnsServers());
        if (!x.dnsSearch().isEmpty()) h.withDnsSearch(x.dnsSearch());
        if (!x.dnsOptions().isEmpty()) h.withDnsOptions(x.dnsOptions());
        if (x.readOnly()) h.withReadonlyRootfs(true);
        if (x.init() != null) h.withInit(x.init());
        if (!x.sysctls().isEmpty()) h.withSysctls(x.sysctls());
        if (!x.ulimits().isEmpty()) {
            List<Ulimit> limits = new ArrayList<>();
            for (ContainerExtras.UlimitSpec u : x.ulimits()) limits.add(new Ulimit(u.name(), u.soft(), u.hard()));
            h.withUlimits(limits);
        }
    }

    /**
     * Serialised: Docker does not reliably refuse a second network of the same name, and two tasks of a
     * stack prepare at once. (Agents sharing one engine in tests can still race; the loser sees the
     * winner's network and uses it.)
     */
    @Override
    public synchronized void ensureNetwork(LocalNetwork network) throws EngineException {
        try {
            if (findNetwork(network.name()) != null) return;
            Map<String, String> labels = new java.util.HashMap<>(network.labels());
            labels.put(Labels.NETWORK_ID, network.swarmNetworkId());
            try {
                client.createNetworkCmd().withName(network.name()).withDriver("bridge").withCheckDuplicate(true)
                        .withInternal(network.internal()).withAttachable(true).withLabels(labels).exec();
            } catch (RuntimeException e) {
                // Another agent on this engine may have created it at the same moment: that one will do.
                if (findNetwork(network.name()) == null) throw e;
            }
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
    }

    @Override
    public void removeNetworkIfUnused(String name) {
        try {
            com.github.dockerjava.api.model.Network n = findNetwork(name);
            if (n == null || n.getLabels() == null || !n.getLabels().containsKey(Labels.NETWORK_ID)) return;
            com.github.dockerjava.api.model.Network full = client.inspectNetworkCmd().withNetworkId(n.getId()).exec();
            if (full.getContainers() != null && !full.getContainers().isEmpty()) return;
            client.removeNetworkCmd(n.getId()).exec();
        } catch (RuntimeException e) {
            log.debug("network {} left in place: {}", name, e.getMessage());
        }
    }

    /** The id of the network named {@code name} (ids, unlike names, are never ambiguous). */
    private String networkId(String name) {
        com.github.dockerjava.api.model.Network n = findNetwork(name);
        if (n == null) throw new NotFoundException("network " + name + " not found");
        return n.getId();
    }

    /** The network named {@code name}; duplicates an earlier race left are removed when unused, the oldest kept. */
    private com.github.dockerjava.api.model.Network findNetwork(String name) {
        List<com.github.dockerjava.api.model.Network> same = new ArrayList<>();
        for (com.github.dockerjava.api.model.Network n : client.listNetworksCmd().withNameFilter(name).exec()) {
            if (name.equals(n.getName())) same.add(n);
        }
        if (same.size() > 1) {
            same.sort(java.util.Comparator.comparing(n -> n.getCreated() == null ? new java.util.Date(0) : n.getCreated()));
            for (com.github.dockerjava.api.model.Network extra : same.subList(1, same.size())) {
                try {
                    if (extra.getLabels() != null && extra.getLabels().containsKey(Labels.NETWORK_ID)) client.removeNetworkCmd(extra.getId()).exec();
                } catch (RuntimeException e) {
                    log.warn("network {} exists twice on this engine and {} could not be removed: {}", name, extra.getId(), e.getMessage());
                }
            }
        }
        return same.isEmpty() ? null : same.get(0);
    }

    @Override
    public void start(String containerId) throws EngineException {
        try {
            client.startContainerCmd(containerId).exec();
        } catch (NotModifiedException e) {
            // already running
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
    }

    @Override
    public ContainerState inspect(String containerId) throws EngineException {
        try {
            InspectContainerResponse response = client.inspectContainerCmd(containerId).exec();
            InspectContainerResponse.ContainerState s = response.getState();
            return new ContainerState(s.getStatus(), Boolean.TRUE.equals(s.getRunning()),
                    s.getExitCodeLong() == null ? 0 : s.getExitCodeLong().intValue(),
                    s.getPidLong() == null ? 0 : s.getPidLong().intValue(),
                    s.getError() == null ? "" : s.getError(),
                    ipAddress(response.getNetworkSettings()));
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Uses the engine's wait ("not-running" condition): a container that was created but never started
     * counts as stopped and completes at once. Cancelling the returned future ends the wait request.
     */
    @Override
    public CompletableFuture<Integer> awaitExit(String containerId) {
        StreamFuture<WaitResponse, Integer> wait = new StreamFuture<>(
                (response, exit) -> exit.complete(response.getStatusCode() == null ? -1 : response.getStatusCode()),
                exit -> exit.completeExceptionally(new EngineException(
                        "wait for container " + containerId + " ended without an exit code")));
        CompletableFuture<Integer> exit = wait.future();
        pendingWaits.add(exit);
        exit.whenComplete((code, error) -> pendingWaits.remove(exit));
        if (closed) {
            exit.completeExceptionally(closedError());
            return exit;
        }
        try {
            client.waitContainerCmd(containerId).exec(wait);
        } catch (RuntimeException e) {
            exit.completeExceptionally(EngineErrors.translate(e));
        }
        return exit;
    }

    @Override
    public void stop(String containerId, Duration grace) throws EngineException {
        try {
            client.stopContainerCmd(containerId).withTimeout((int) Math.max(0, grace.toSeconds())).exec();
        } catch (NotModifiedException | NotFoundException e) {
            // already stopped, or gone
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
    }

    @Override
    public void remove(String containerId) throws EngineException {
        try {
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (ConflictException e) {
            // "removal of container … is already in progress": it is going away
            if (!EngineErrors.message(e).contains("already in progress")) {
                throw EngineErrors.translate(e);
            }
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
    }

    /** Closes the client; pending {@link #awaitExit} futures complete exceptionally. */
    @Override
    public void close() {
        closed = true;
        for (CompletableFuture<Integer> exit : pendingWaits) {
            exit.completeExceptionally(closedError());
        }
        closeQuietly(client);
    }

    private EngineException closedError() {
        return new EngineException("engine client for " + host + " is closed");
    }

    /** The container's address on the default bridge, else on its first network that gives it one; "" if none. */
    private static String ipAddress(NetworkSettings settings) {
        if (settings == null) {
            return "";
        }
        Map<String, ContainerNetwork> networks = settings.getNetworks() == null ? Map.of() : settings.getNetworks();
        ContainerNetwork bridge = networks.get("bridge");
        if (bridge != null && notBlank(bridge.getIpAddress())) {
            return bridge.getIpAddress();
        }
        for (ContainerNetwork n : networks.values()) {
            if (n != null && notBlank(n.getIpAddress())) {
                return n.getIpAddress();
            }
        }
        return notBlank(settings.getIpAddress()) ? settings.getIpAddress() : "";
    }

    private static int exitCode(String status) {
        if (status == null) {
            return 0;
        }
        Matcher m = EXITED.matcher(status);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String stripSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("close failed", e);
        }
    }

    @Override
    public String toString() {
        return "DockerEngine[" + host + "]";
    }
}
