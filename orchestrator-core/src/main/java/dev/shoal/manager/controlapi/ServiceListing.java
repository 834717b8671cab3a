package dev.shoal.manager.controlapi;

import dev.shoal.model.Service;

/**
 * A service as {@code GET /services} lists it: the stored object and, when asked for, its
 * {@link ServiceStatus} (null otherwise). Immutable.
 */
public record ServiceListing(Service service, ServiceStatus status) {
}
