package dev.shoal.cli.service;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.StopsAtFirstPositional;
import dev.shoal.cli.client.ApiClient;
import dev.shoal.cli.opts.EnvFile;
import dev.shoal.cli.opts.EnvVar;
import dev.shoal.cli.opts.FileRefSpec;
import dev.shoal.cli.opts.GenericResources;
import dev.shoal.cli.opts.GoDuration;
import dev.shoal.cli.opts.KeyValue;
import dev.shoal.cli.opts.ModeConverter;
import dev.shoal.cli.opts.MountSpec;
import dev.shoal.cli.opts.NetworkSpecOpt;
import dev.shoal.cli.opts.NonNegativeLong;
import dev.shoal.cli.opts.PlacementPrefConverter;
import dev.shoal.cli.opts.PublishSpec;
import dev.shoal.cli.opts.ShellWords;
import dev.shoal.manager.orchestrator.rebalance.Rebalancing;
import dev.shoal.model.ConfigReference;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.EndpointSpec;
import dev.shoal.model.Mount;
import dev.shoal.model.NetworkAttachmentConfig;
import dev.shoal.model.PortConfig;
import dev.shoal.model.GenericResource;
import dev.shoal.model.Placement;
import dev.shoal.model.PlacementPreference;
import dev.shoal.model.ResourceRequirements;
import dev.shoal.model.RestartPolicy;
import dev.shoal.model.SecretReference;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.TaskSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code swarmctl service create [OPTIONS] IMAGE [COMMAND] [ARG...]}: builds a {@link ServiceSpec}
 * from Docker's flags, posts it and prints the new service's id. Option parsing stops at IMAGE;
 * COMMAND and ARGs become {@code ContainerSpec.Args}, {@code --entrypoint} becomes {@code ContainerSpec.Command}.
 */
@Command(name = "create", sortOptions = false,
        description = "Create a new service")
public final class ServiceCreate extends ApiCommand implements StopsAtFirstPositional {
    @Option(names = "--name", paramLabel = "string", description = "Service name")
    private String name;

    @Option(names = "--mode", paramLabel = "string", converter = ModeConverter.class,
            description = "Service mode (\"replicated\", \"global\", \"replicated-job\" or \"global-job\") (default \"replicated\")")
    private String mode;

    @Option(names = "--replicas", paramLabel = "uint", converter = NonNegativeLong.class, description = "Number of tasks")
    private Long replicas;

    @Option(names = "--max-concurrent", paramLabel = "uint", converter = NonNegativeLong.class,
            description = "Number of job tasks to run concurrently (default equal to --replicas)")
    private Long maxConcurrent;

    @Option(names = {"-e", "--env"}, paramLabel = "list", description = "Set environment variables")
    private List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "list", description = "Read in a file of environment variables")
    private List<Path> envFiles = new ArrayList<>();

    @Option(names = "--mount", paramLabel = "mount", converter = MountSpec.Converter.class,
            description = "Attach a filesystem mount to the service (type=volume|bind|tmpfs,source=…,target=…[,readonly])")
    private List<Mount> mounts = new ArrayList<>();

    @Option(names = "--secret", paramLabel = "secret", converter = FileRefSpec.Converter.class,
            description = "Specify secrets to expose to the service (NAME, or source=NAME,target=…,uid=…,gid=…,mode=0400)")
    private List<FileRefSpec> secrets = new ArrayList<>();

    @Option(names = "--config", paramLabel = "config", converter = FileRefSpec.Converter.class,
            description = "Specify configurations to expose to the service (NAME, or source=NAME,target=…,uid=…,gid=…,mode=0400)")
    private List<FileRefSpec> configs = new ArrayList<>();

    @Option(names = "--network", paramLabel = "network", converter = NetworkSpecOpt.Converter.class,
            description = "Network attachments (NAME, or name=NAME,alias=…)")
    private List<NetworkAttachmentConfig> networks = new ArrayList<>();

    @Option(names = {"-l", "--label"}, paramLabel = "list", converter = KeyValue.Converter.class, description = "Service labels")
    private List<KeyValue> labels = new ArrayList<>();

    @Option(names = "--container-label", paramLabel = "list", converter = KeyValue.Converter.class, description = "Container labels")
    private List<KeyValue> containerLabels = new ArrayList<>();

    @Option(names = "--constraint", paramLabel = "list", description = "Placement constraints")
    private List<String> constraints = new ArrayList<>();

    @Option(names = "--placement-pref", paramLabel = "pref", converter = PlacementPrefConverter.class,
            description = "Add a placement preference (spread=node.labels.<label>; several nest in order)")
    private List<PlacementPreference> placementPrefs = new ArrayList<>();

    @Option(names = "--replicas-max-per-node", paramLabel = "uint64", converter = NonNegativeLong.class,
            description = "Maximum number of tasks per node (default 0 = unlimited)")
    private Long maxReplicasPerNode;

    @Option(names = "--rebalance",
            description = "Spread the tasks again, start-first, when a node joins or comes back (sets the label "
                    + Rebalancing.LABEL + "=true; replicated mode only)")
    private boolean rebalance;

    @Mixin
    private RolloutFlags rollout = new RolloutFlags();

    @Mixin
    private ConvergeFlags converge = new ConvergeFlags();

    @Mixin
    private ContainerExtrasFlags extras = new ContainerExtrasFlags();

    @Option(names = "--generic-resource", paramLabel = "list", description = "User defined resources (NAME=VALUE, reserved per task)")
    private List<String> genericResources = new ArrayList<>();

    @Option(names = {"-p", "--publish"}, paramLabel = "port", converter = PublishSpec.Converter.class,
            description = "Publish a port as a node port (published:target[/protocol], or published=8080,target=80,protocol=tcp,mode=host)")
    private List<PublishSpec> publish = new ArrayList<>();

    @Mixin
    private RestartFlags restart = new RestartFlags();

    @Mixin
    private ResourceFlags resources = new ResourceFlags();

    @Option(names = "--stop-grace-period", paramLabel = "duration", converter = GoDuration.Converter.class,
            description = "Time to wait before force killing a container (ns|us|ms|s|m|h) (default 10s)")
    private Long stopGracePeriod;

    @Option(names = "--entrypoint", paramLabel = "command", description = "Overwrite the default ENTRYPOINT of the image")
    private String entrypoint;

    @Option(names = {"-w", "--workdir"}, paramLabel = "string", description = "Working directory inside the container")
    private String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "string", description = "Username or UID (format: <name|uid>[:<group|gid>])")
    private String user;

    @Option(names = "--hostname", paramLabel = "string", description = "Container hostname")
    private String hostname;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to run")
    private String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The command and its arguments (ContainerSpec.Args)")
    private List<String> args = new ArrayList<>();

    @Override
    protected void execute() {
        ServiceSpec spec = toSpec();
        ApiClient.CreateResult result = client().createService(spec);
        for (String w : result.warnings()) err().println(w);
        out().println(result.id());
        converge.awaitIfAttached(client(), result.id(), out(), false);
    }

    /** The spec the flags describe; usage errors (e.g. {@code --replicas} with {@code --mode global}) are thrown as picocli's. */
    ServiceSpec toSpec() {
        ServiceMode serviceMode;
        try {
            serviceMode = ModeFlags.toMode(mode, replicas, maxConcurrent);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<String> envList = new ArrayList<>();
        for (Path f : envFiles) envList.addAll(EnvFile.read(f, root().env()));
        for (String e : env) {
            try {
                envList.add(EnvVar.resolve(e, root().env()));
            } catch (IllegalArgumentException ex) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--env': " + ex.getMessage());
            }
        }
        List<String> command;
        try {
            command = entrypoint == null ? List.of() : ShellWords.split(entrypoint);
        } catch (IllegalArgumentException ex) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--entrypoint': " + ex.getMessage());
        }
        ContainerSpec container = new ContainerSpec(image, KeyValue.toMap(containerLabels), command, args, envList,
                hostname, workdir, user, stopGracePeriod);
        List<GenericResource> generic;
        try {
            generic = GenericResources.parse(genericResources);
        } catch (IllegalArgumentException ex) {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        Placement placement = new Placement(constraints, placementPrefs, maxReplicasPerNode);
        List<SecretReference> secretRefs = new ArrayList<>();
        for (FileRefSpec s : secrets) secretRefs.add(new SecretReference(null, s.source(), s.file()));
        List<ConfigReference> configRefs = new ArrayList<>();
        for (FileRefSpec c : configs) configRefs.add(new ConfigReference(null, c.source(), c.file()));
        container = container.withExtras(mounts, extras.health(), List.of(), extras.dns(), extras.readOnly(), extras.init(),
                extras.stopSignal(), extras.sysctls(), extras.ulimits(), secretRefs, configRefs);
        TaskSpec task = new TaskSpec(container, resources.apply(ResourceRequirements.NONE, generic),
                restart.apply(RestartPolicy.DEFAULT), placement, null).withNetworks(networks);
        List<PortConfig> ports = new ArrayList<>();
        for (PublishSpec p : publish) ports.addAll(p.ports());
        Map<String, String> serviceLabels = new LinkedHashMap<>(KeyValue.toMap(labels));
        if (rebalance) {
            if (serviceMode.replicated() == null) {
                throw new ParameterException(spec.commandLine(), "--rebalance is only supported with --mode replicated");
            }
            serviceLabels.put(Rebalancing.LABEL, "true");
        }
        return new ServiceSpec(name, serviceLabels, task, serviceMode, new EndpointSpec("vip", ports), rollout.update(null),
                rollout.rollback(null));
    }

}
