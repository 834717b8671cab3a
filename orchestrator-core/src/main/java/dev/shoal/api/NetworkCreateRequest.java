package dev.shoal.api;

import dev.shoal.model.NetworkSpec;
import java.util.Map;

/**
 * The body of {@code POST /networks/create} (Docker's {@code NetworkCreateRequest}, the fields Shoal
 * uses). Immutable.
 */
public record NetworkCreateRequest(String name, String driver, Map<String, String> labels, Map<String, String> options,
                                   Boolean attachable, Boolean internal) {
    /** The swarm network this request asks for. */
    public NetworkSpec toSpec() {
        return new NetworkSpec(name, labels, new NetworkSpec.Driver(driver == null || driver.isEmpty() ? "overlay" : driver, options),
                attachable, internal);
    }
}
