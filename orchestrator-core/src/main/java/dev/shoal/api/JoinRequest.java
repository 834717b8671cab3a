package dev.shoal.api;

import java.util.List;

/**
 * The body of {@code POST /swarm/join} (Docker's {@code SwarmJoinRequest}, the fields Shoal uses): the
 * address to listen on and to advertise (null: the daemon's defaults), the managers to try, and the
 * join token that decides the role. Immutable.
 */
public record JoinRequest(String listenAddr, String advertiseAddr, List<String> remoteAddrs, String joinToken) {
    public JoinRequest {
        remoteAddrs = remoteAddrs == null ? List.of() : List.copyOf(remoteAddrs);
    }
}
