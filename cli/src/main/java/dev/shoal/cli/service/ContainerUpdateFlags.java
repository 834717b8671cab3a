package dev.shoal.cli.service;

import dev.shoal.cli.CliException;
import dev.shoal.cli.opts.GoDuration;
import dev.shoal.cli.opts.KeyValue;
import dev.shoal.cli.opts.ShellWords;
import dev.shoal.model.ContainerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags of {@code service update} that change the container, as Docker's: container labels to add
 * or remove, the args, the entrypoint, hostname, user, working directory and stop grace period. Each
 * given flag changes its field; the others are kept. A picocli mixin.
 */
public final class ContainerUpdateFlags {
    @Option(names = "--container-label-add", paramLabel = "list", converter = KeyValue.Converter.class,
            description = "Add or update a container label")
    private List<KeyValue> labelAdd = new ArrayList<>();

    @Option(names = "--container-label-rm", paramLabel = "list", description = "Remove a container label by its key")
    private List<String> labelRm = new ArrayList<>();

    @Option(names = "--args", paramLabel = "command", description = "Service command args")
    private String args;

    @Option(names = "--entrypoint", paramLabel = "command", description = "Overwrite the default ENTRYPOINT of the image")
    private String entrypoint;

    @Option(names = "--hostname", paramLabel = "string", description = "Container hostname")
    private String hostname;

    @Option(names = {"-u", "--user"}, paramLabel = "string", description = "Username or UID (format: <name|uid>[:<group|gid>])")
    private String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "string", description = "Working directory inside the container")
    private String workdir;

    @Option(names = "--stop-grace-period", paramLabel = "duration", converter = GoDuration.Converter.class,
            description = "Time to wait before force killing a container (ns|us|ms|s|m|h)")
    private Long stopGracePeriod;

    /** Whether any of these flags was given. */
    boolean anyGiven() {
        return !labelAdd.isEmpty() || !labelRm.isEmpty() || args != null || entrypoint != null || hostname != null || user != null
                || workdir != null || stopGracePeriod != null;
    }

    /** {@code c} with the given flags applied; a CliException for args or an entrypoint that cannot be split into words. */
    ContainerSpec apply(ContainerSpec c) {
        if (!anyGiven()) return c;
        Map<String, String> labels = new LinkedHashMap<>(c.labels());
        for (String k : labelRm) labels.remove(k);
        for (KeyValue kv : labelAdd) labels.put(kv.key(), kv.value());
        return c.withBasics(labels, entrypoint == null ? c.command() : words("--entrypoint", entrypoint),
                args == null ? c.args() : words("--args", args), hostname == null ? c.hostname() : hostname,
                workdir == null ? c.dir() : workdir, user == null ? c.user() : user,
                stopGracePeriod == null ? c.stopGracePeriod() : stopGracePeriod);
    }

    private static List<String> words(String flag, String text) {
        try {
            return ShellWords.split(text);
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid argument \"" + text + "\" for \"" + flag + "\" flag: " + e.getMessage());
        }
    }
}
