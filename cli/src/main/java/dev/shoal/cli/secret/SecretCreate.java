package dev.shoal.cli.secret;

import dev.shoal.cli.CreateFromFileHelper;
import dev.shoal.model.SecretSpec;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code swarmctl secret create [-l k=v] NAME FILE|-}: stores a secret from a file or standard input; prints its id. */
@Command(name = "create", description = "Create a secret from a file or STDIN as content")
public final class SecretCreate extends CreateFromFileHelper {
    @Override
    protected String create(String name, Map<String, String> labels, byte[] data) {
        return client().createSecret(new SecretSpec(name, labels, data));
    }
}
