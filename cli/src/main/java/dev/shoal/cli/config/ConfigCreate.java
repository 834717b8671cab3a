package dev.shoal.cli.config;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.FileData;
import dev.shoal.cli.opts.KeyValue;
import dev.shoal.model.ConfigSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarmctl config create [-l k=v] NAME FILE|-}: stores a config from a file or standard input; prints its id. */
@Command(name = "create", description = "Create a config from a file or STDIN as content")
public final class ConfigCreate extends ApiCommand {
    @Option(names = {"-l", "--label"}, paramLabel = "list", converter = KeyValue.Converter.class, description = "Config labels")
    private List<KeyValue> labels = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "NAME", description = "Config name")
    private String name;

    @Parameters(index = "1", paramLabel = "FILE|-", description = "File with the content, or - for standard input")
    private String file;

    @Override
    protected void execute() {
        Map<String, String> l = new LinkedHashMap<>();
        for (KeyValue kv : labels) l.put(kv.key(), kv.value());
        out().println(client().createConfig(new ConfigSpec(name, l, FileData.read(file, System.in))));
    }
}
