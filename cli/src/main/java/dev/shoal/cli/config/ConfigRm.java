package dev.shoal.cli.config;

import dev.shoal.cli.RemoveHelper;
import picocli.CommandLine.Command;

/** {@code swarmctl config rm NAME...}: removes configs no service uses, printing each. */
@Command(name = "rm", aliases = "remove", description = "Remove one or more configs")
public final class ConfigRm extends RemoveHelper {
    @Override
    protected void remove(String ref) { client().removeConfig(ref); }
}
