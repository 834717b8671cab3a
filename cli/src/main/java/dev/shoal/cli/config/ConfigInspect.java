package dev.shoal.cli.config;

import dev.shoal.cli.InspectHelper;
import picocli.CommandLine.Command;

/** {@code swarmctl config inspect NAME...}: the configs' JSON, as an array. */
@Command(name = "inspect", description = "Display detailed information on one or more configs")
public final class ConfigInspect extends InspectHelper {
    @Override
    protected com.fasterxml.jackson.databind.JsonNode fetch(String ref) { return client().configJson(ref); }
}
