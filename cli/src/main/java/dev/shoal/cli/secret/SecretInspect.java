package dev.shoal.cli.secret;

import dev.shoal.cli.InspectHelper;
import picocli.CommandLine.Command;

/** {@code swarmctl secret inspect NAME...}: the secrets' JSON, as an array (never with their values). */
@Command(name = "inspect", description = "Display detailed information on one or more secrets")
public final class SecretInspect extends InspectHelper {
    @Override
    protected com.fasterxml.jackson.databind.JsonNode fetch(String ref) { return client().secretJson(ref); }
}
