package dev.shoal.cli.network;

import dev.shoal.cli.InspectHelper;
import picocli.CommandLine.Command;

/** {@code swarmctl network inspect NETWORK...}: the networks' JSON, as an array. */
@Command(name = "inspect", description = "Display detailed information on one or more networks")
public final class NetworkInspect extends InspectHelper {
    @Override
    protected com.fasterxml.jackson.databind.JsonNode fetch(String ref) { return client().networkJson(ref); }
}
