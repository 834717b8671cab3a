package dev.shoal.cli.secret;

import dev.shoal.cli.RemoveHelper;
import picocli.CommandLine.Command;

/** {@code swarmctl secret rm NAME...}: removes secrets no service uses, printing each. */
@Command(name = "rm", aliases = "remove", description = "Remove one or more secrets")
public final class SecretRm extends RemoveHelper {
    @Override
    protected void remove(String ref) { client().removeSecret(ref); }
}
