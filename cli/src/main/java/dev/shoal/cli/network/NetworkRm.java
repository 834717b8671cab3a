package dev.shoal.cli.network;

import dev.shoal.cli.RemoveHelper;
import picocli.CommandLine.Command;

/** {@code swarmctl network rm NETWORK...}: removes networks no service uses, printing each. */
@Command(name = "rm", aliases = "remove", description = "Remove one or more networks")
public final class NetworkRm extends RemoveHelper {
    @Override
    protected void remove(String ref) { client().removeNetwork(ref); }
}
