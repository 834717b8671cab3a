package dev.shoal.cli.config;

import dev.shoal.cli.CreateFromFileHelper;
import dev.shoal.model.ConfigSpec;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code swarmctl config create [-l k=v] NAME FILE|-}: stores a config from a file or standard input; prints its id. */
@Command(name = "create", description = "Create a config from a file or STDIN as content")
public final class ConfigCreate extends CreateFromFileHelper {
    @Override
    protected String create(String name, Map<String, String> labels, byte[] data) {
        return client().createConfig(new ConfigSpec(name, labels, data));
    }
}
