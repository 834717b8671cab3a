package dev.shoal.cli.client;

import java.util.List;

/**
 * The body of {@code POST /swarm/join}; null addresses are left out so the daemon applies its defaults.
 *
 * @param listenAddr    the address to listen on for cluster traffic, if a manager
 * @param advertiseAddr the address other nodes reach this one on
 * @param remoteAddrs   managers of the swarm to join (host:port)
 * @param joinToken     the worker or manager token
 */
public record JoinRequest(String listenAddr, String advertiseAddr, List<String> remoteAddrs, String joinToken) {
}
