package dev.shoal.cli.stack;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.CliException;
import dev.shoal.cli.client.NetworkCreate;
import dev.shoal.cli.client.ServiceEntry;
import dev.shoal.model.ConfigSpec;
import dev.shoal.model.Network;
import dev.shoal.model.NetworkSpec;
import dev.shoal.model.SecretSpec;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceSpec;
import dev.shoal.stack.LoadedStack;
import dev.shoal.stack.StackFileException;
import dev.shoal.stack.StackLoader;
import dev.shoal.stack.convert.StackConvertException;
import dev.shoal.stack.convert.StackConverter;
import dev.shoal.stack.convert.StackPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code swarmctl stack deploy -c FILE [-c FILE...] [--prune] STACK}: as {@code docker stack deploy},
 * loads the files ({@code -c -} reads one from stdin; nothing is deployed from a file that fails to load), checks that external networks,
 * secrets and configs exist, creates the stack's networks, secrets and configs that are missing, then
 * creates each service or updates it when its spec changed; {@code --prune} removes the stack's services
 * the files no longer name.
 */
@Command(name = "deploy", aliases = "up", description = "Deploy a new stack or update an existing stack")
public final class StackDeploy extends ApiCommand {
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$");

    @Option(names = {"-c", "--compose-file"}, required = true, split = ",", paramLabel = "FILE",
            description = "Path to a Compose file, or \"-\" to read from stdin (repeatable; later files are merged over earlier ones)")
    private List<String> files = new ArrayList<>();

    @Option(names = "--prune", description = "Prune services that are no longer referenced")
    private boolean prune;

    @Parameters(index = "0", paramLabel = "STACK", description = "Stack name")
    private String stack;

    @Override
    protected void execute() {
        if (!NAME.matcher(stack).matches()) {
            throw new CliException("invalid stack name \"" + stack + "\": use letters, digits, '_', '.' and '-', starting with a letter or digit");
        }
        List<Path> paths = new ArrayList<>();
        for (String f : files) paths.add(Path.of(f));
        LoadedStack loaded;
        StackPlan plan;
        try {
            loaded = new StackLoader(root().env()).load(paths, true, root().in());
            plan = StackConverter.convert(stack, loaded.config());
        } catch (StackFileException | StackConvertException e) {
            throw new CliException(e.getMessage());
        }
        for (String w : loaded.warnings()) err().println("level=warning msg=\"" + w.replace("\"", "\\\"") + "\"");
        err().print(loaded.propertyWarnings());
        err().flush();

        Map<String, String> networkIds = new HashMap<>();
        for (Network n : client().networks()) networkIds.put(n.spec().name(), n.id());
        Set<String> secrets = new HashSet<>();
        client().secrets().forEach(s -> secrets.add(s.spec().name()));
        Set<String> configs = new HashSet<>();
        client().configs().forEach(c -> configs.add(c.spec().name()));
        for (String n : plan.externalNetworks()) {
            if (!networkIds.containsKey(n)) {
                throw new CliException("network \"" + n + "\" is declared as external, but could not be found. "
                        + "You need to create a swarm-scoped network before the stack is deployed");
            }
        }
        for (String s : plan.externalSecrets()) if (!secrets.contains(s)) throw new CliException("secret not found: " + s);
        for (String c : plan.externalConfigs()) if (!configs.contains(c)) throw new CliException("config not found: " + c);

        for (NetworkSpec n : plan.networks()) {
            if (networkIds.containsKey(n.name())) continue;
            out().println("Creating network " + n.name());
            networkIds.put(n.name(), client().createNetwork(new NetworkCreate(n.name(), n.driverName(), n.labels(), n.attachable(), n.internal())));
        }
        for (SecretSpec s : plan.secrets()) {
            if (secrets.contains(s.name())) continue;
            out().println("Creating secret " + s.name());
            client().createSecret(s);
        }
        for (ConfigSpec c : plan.configs()) {
            if (configs.contains(c.name())) continue;
            out().println("Creating config " + c.name());
            client().createConfig(c);
        }

        Map<String, Service> existing = new HashMap<>();
        for (ServiceEntry e : StackObjects.of(client(), stack).services()) existing.put(e.service().spec().name(), e.service());
        Set<String> wanted = new HashSet<>();
        for (ServiceSpec spec : plan.services()) {
            wanted.add(spec.name());
            Service current = existing.get(spec.name());
            if (current == null) {
                out().println("Creating service " + spec.name());
                client().createService(spec);
            } else {
                ServiceSpec resolved = spec.withTaskTemplate(StackSpecs.withNetworkIds(spec.taskTemplate(), networkIds));
                if (StackSpecs.sameDeployment(current.spec(), resolved)) continue;
                out().println("Updating service " + spec.name() + " (id: " + current.id() + ")");
                client().updateService(current.id(), current.version().index(), resolved);
            }
        }
        if (prune) {
            for (Map.Entry<String, Service> e : existing.entrySet()) {
                if (wanted.contains(e.getKey())) continue;
                out().println("Removing service " + e.getKey());
                client().removeService(e.getValue().id());
            }
        }
    }
}
