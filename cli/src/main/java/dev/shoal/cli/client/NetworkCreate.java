package dev.shoal.cli.client;

import java.util.Map;

/** The body of {@code POST /networks/create} (Docker's {@code NetworkCreateRequest}, the fields swarmctl sends). */
public record NetworkCreate(String name, String driver, Map<String, String> labels, Boolean attachable, Boolean internal) {
}
