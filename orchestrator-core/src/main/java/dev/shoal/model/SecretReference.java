package dev.shoal.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A task's use of a secret: which one, and the file it appears as. Immutable. */
public record SecretReference(@JsonProperty("SecretID") String secretId, String secretName, FileTarget file) {}
