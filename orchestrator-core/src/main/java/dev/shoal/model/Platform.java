package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A node's operating system and architecture as its engine reports them. */
public record Platform(@JsonProperty("Architecture") String architecture, @JsonProperty("OS") String os) {
}
