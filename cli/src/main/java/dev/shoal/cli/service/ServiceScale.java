package dev.shoal.cli.service;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.CliException;
import dev.shoal.cli.client.ApiException;
import dev.shoal.cli.opts.NonNegativeLong;
import dev.shoal.model.Service;
import dev.shoal.model.ServiceMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code swarmctl service scale SERVICE=REPLICAS...}: sets each replicated service's replica count, or
 * a replicated job's TotalCompletions, as Docker does (read, change, update at the read version), and
 * prints "web scaled to 6". Every argument is checked before any service is changed; failures on one
 * service do not stop the others; global services and global jobs are refused with Docker's message.
 */
@Command(name = "scale", description = "Scale one or multiple replicated services")
public final class ServiceScale extends ApiCommand {
    @Mixin
    private ConvergeFlags converge = new ConvergeFlags();

    @Parameters(arity = "1..*", paramLabel = "SERVICE=REPLICAS", description = "Service name, id or id prefix and its new number of replicas")
    private List<String> scales;

    @Override
    protected void execute() {
        Map<String, Long> wanted = new LinkedHashMap<>();
        for (String arg : scales) {
            int eq = arg.indexOf('=');
            if (eq <= 0 || eq == arg.length() - 1) {
                throw new ParameterException(spec.commandLine(), "Invalid scale specifier '" + arg + "': expected SERVICE=REPLICAS");
            }
            try {
                wanted.put(arg.substring(0, eq), NonNegativeLong.parse(arg.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid scale specifier '" + arg + "': replicas " + e.getMessage());
            }
        }
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Long> w : wanted.entrySet()) {
            try {
                scale(w.getKey(), w.getValue());
                out().println(w.getKey() + " scaled to " + w.getValue());
                converge.awaitIfAttached(client(), w.getKey(), out(), false);
            } catch (ApiException | CliException e) {
                errors.add(w.getKey() + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) throw new CliException(String.join("\n", errors));
    }

    private void scale(String ref, long replicas) {
        Service s = client().service(ref);
        ServiceMode mode = s.spec().mode();
        ServiceMode scaled;
        if (mode.replicatedJob() != null) {
            scaled = new ServiceMode(null, null, mode.replicatedJob().withTotalCompletions(replicas), null);
        } else if (mode.replicated() != null) {
            scaled = ServiceMode.replicated(replicas);
        } else {
            throw new CliException("scale can only be used with replicated or replicated-job mode");
        }
        List<String> warnings = client().updateService(s.id(), s.version().index(), s.spec().withMode(scaled));
        for (String w : warnings) err().println(w);
    }
}
