package dev.shoal.model;

/** What a node's agent reports about its host when it registers. Immutable. */
public record NodeDescription(String hostname, Platform platform, Resources resources, EngineDescription engine) {
}
