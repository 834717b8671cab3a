package dev.shoal.cli.client;

import dev.shoal.model.Service;

/**
 * One row of {@code GET /services?status=true}: the service and its task counts.
 *
 * @param service the service
 * @param status  its counts, or null when the daemon sent none
 */
public record ServiceEntry(Service service, ServiceStatus status) {
}
