package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code deploy.resources.reservations}.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record ResourceReservation(
        @JsonProperty("cpus") String cpus,
        @JsonProperty("memory") UnitBytes memory,
        @JsonProperty("generic_resources") List<GenericResource> genericResources) implements GoZero.Struct {
    /** Copies the collections, so the record is immutable (null values inside maps are kept). */
    public ResourceReservation {
        genericResources = genericResources == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(genericResources));
    }
}
