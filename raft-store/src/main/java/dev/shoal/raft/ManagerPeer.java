package dev.shoal.raft;

import java.util.Objects;

/**
 * One manager in the Raft group: its node id (used as the Raft peer id) and the {@code host:port}
 * its Raft transport listens on. Immutable.
 */
public record ManagerPeer(String id, String address) {
    public ManagerPeer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        if (id.isBlank()) throw new IllegalArgumentException("peer id must not be blank");
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("peer address must be host:port, got \"" + address + "\"");
        }
    }

    /** The host part of {@link #address()}. */
    public String host() { return address.substring(0, address.lastIndexOf(':')); }

    /** The port part of {@link #address()}. */
    public int port() { return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)); }
}
