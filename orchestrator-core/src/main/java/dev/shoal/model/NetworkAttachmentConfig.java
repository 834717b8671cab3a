package dev.shoal.model;

import java.util.List;

/**
 * A task's attachment to a network: the network (id or name) and the extra DNS names the task answers
 * to there (the service's own name always resolves). Immutable.
 */
public record NetworkAttachmentConfig(String target, List<String> aliases) {
    public NetworkAttachmentConfig {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
