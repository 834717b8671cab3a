package dev.shoal.cli.service;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.CliException;
import dev.shoal.cli.opts.EnvVar;
import dev.shoal.cli.opts.KeyValue;
import dev.shoal.cli.opts.NonNegativeLong;
import dev.shoal.model.ContainerSpec;
import dev.shoal.model.Network;
import dev.shoal.model.ReplicatedMode;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import dev.shoal.model.ServiceSpec;
import dev.shoal.model.TaskSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code swarmctl service update [OPTIONS] SERVICE}: as Docker's, reads the service, applies the flags to
 * its spec and sends the whole spec back with the version it read; a changed task template rolls the
 * tasks as the service's update config says (one at a time, stop-first, by default). Prints SERVICE.
 * The flags are Docker's: the container's ({@link ContainerUpdateFlags}), placement, resources and restart
 * policy ({@link SchedulingUpdateFlags}), published ports ({@link PublishUpdateFlags}), secrets, configs,
 * networks and mounts ({@link AttachmentUpdateFlags}), update and rollback
 * configs ({@link RolloutFlags}).
 * {@code --rollback}, alone, is {@code service rollback}.
 */
@Command(name = "update", description = "Update a service")
public final class ServiceUpdate extends ApiCommand {
    @Option(names = "--image", paramLabel = "string", description = "Service image tag")
    private String image;

    @Option(names = "--env-add", paramLabel = "list", description = "Add or update an environment variable")
    private List<String> envAdd = new ArrayList<>();

    @Option(names = "--env-rm", paramLabel = "list", description = "Remove an environment variable")
    private List<String> envRm = new ArrayList<>();

    @Option(names = "--label-add", paramLabel = "list", converter = KeyValue.Converter.class, description = "Add or update a service label")
    private List<KeyValue> labelAdd = new ArrayList<>();

    @Option(names = "--label-rm", paramLabel = "list", description = "Remove a label by its key")
    private List<String> labelRm = new ArrayList<>();

    @Option(names = "--replicas", paramLabel = "uint", converter = NonNegativeLong.class, description = "Number of tasks")
    private Long replicas;

    @Option(names = "--force", description = "Force update even if no changes require it")
    private boolean force;

    @Mixin
    private ContainerUpdateFlags container = new ContainerUpdateFlags();

    @Mixin
    private SchedulingUpdateFlags scheduling = new SchedulingUpdateFlags();

    @Mixin
    private PublishUpdateFlags publish = new PublishUpdateFlags();

    @Mixin
    private AttachmentUpdateFlags attachments = new AttachmentUpdateFlags();

    @Mixin
    private ContainerExtrasUpdateFlags extras = new ContainerExtrasUpdateFlags();

    @Mixin
    private RolloutFlags rollout = new RolloutFlags();

    @Mixin
    private ConvergeFlags converge = new ConvergeFlags();

    @Option(names = "--rollback", description = "Rollback to previous specification")
    private boolean rollback;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "Service name, id or id prefix")
    private String service;

    @Override
    protected void execute() {
        rollout.validate();
        if (rollback) {
            if (image != null || !envAdd.isEmpty() || !envRm.isEmpty() || !labelAdd.isEmpty() || !labelRm.isEmpty() || replicas != null
                    || force || rollout.anyGiven() || container.anyGiven() || scheduling.anyGiven() || publish.anyGiven()
                    || attachments.anyGiven() || extras.anyGiven()) {
                throw new CliException("other flags may not be combined with --rollback");
            }
            ServiceRollback.rollBack(client(), service, err());
            out().println(service);
            converge.awaitIfAttached(client(), service, out(), true);
            return;
        }
        Service current = client().service(service);
        ServiceSpec s = current.spec();
        TaskSpec t = s.taskTemplate();
        ContainerSpec c = t.containerSpec();
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : c.env()) env.put(e.contains("=") ? e.substring(0, e.indexOf('=')) : e, e);
        for (String k : envRm) env.remove(k);
        for (String e : envAdd) {
            String v = EnvVar.resolve(e, root().env());
            env.put(v.contains("=") ? v.substring(0, v.indexOf('=')) : v, v);
        }
        ContainerSpec nc = extras.apply(container.apply(c.withImageAndEnv(image != null ? image : c.image(), new ArrayList<>(env.values()))));
        TaskSpec nt = scheduling.apply(t.withContainerSpec(nc));
        if (attachments.anyGiven()) {
            Map<String, String> networkNames = new HashMap<>();
            for (Network n : client().networks()) networkNames.put(n.id(), n.spec().name());
            nt = attachments.apply(nt, networkNames::get);
        }
        if (force) nt = nt.withForceUpdate((t.forceUpdate() == null ? 0 : t.forceUpdate()) + 1);
        Map<String, String> labels = new LinkedHashMap<>(s.labels());
        for (KeyValue kv : labelAdd) labels.put(kv.key(), kv.value());
        for (String k : labelRm) labels.remove(k);
        ServiceMode mode = s.mode();
        if (replicas != null) {
            if (mode.replicated() == null) throw new CliException("replicas can only be used with replicated mode");
            mode = new ServiceMode(new ReplicatedMode(replicas), null);
        }
        ServiceSpec updated = new ServiceSpec(s.name(), labels, nt, mode, publish.apply(s.endpointSpec()), rollout.update(s.updateConfig()),
                rollout.rollback(s.rollbackConfig()));
        for (String w : client().updateService(current.id(), current.version().index(), updated)) err().println(w);
        out().println(service);
        converge.awaitIfAttached(client(), current.id(), out(), false);
    }
}
