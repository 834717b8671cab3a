package dev.shoal.cli.network;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.client.NetworkCreate;
import dev.shoal.cli.opts.KeyValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarmctl network create [-d DRIVER] [--attachable] [--internal] [--label k=v] NAME}: prints the new id. */
@Command(name = "create", description = "Create a network")
public final class NetworkCreateCmd extends ApiCommand {
    @Option(names = {"-d", "--driver"}, paramLabel = "string", description = "Driver to manage the network (default \"overlay\")")
    private String driver;

    @Option(names = "--attachable", description = "Enable manual container attachment")
    private boolean attachable;

    @Option(names = "--internal", description = "Restrict external access to the network")
    private boolean internal;

    @Option(names = "--label", paramLabel = "list", converter = KeyValue.Converter.class, description = "Set metadata on a network")
    private List<KeyValue> labels = new ArrayList<>();

    @Parameters(index = "0", arity = "1", paramLabel = "NETWORK", description = "Network name")
    private String name;

    @Override
    protected void execute() {
        Map<String, String> l = new LinkedHashMap<>();
        for (KeyValue kv : labels) l.put(kv.key(), kv.value());
        out().println(client().createNetwork(new NetworkCreate(name, driver, l, attachable ? true : null, internal ? true : null)));
    }
}
