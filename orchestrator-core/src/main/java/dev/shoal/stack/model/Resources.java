package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code deploy.resources}.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record Resources(
        @JsonProperty("limits") ResourceLimit limits,
        @JsonProperty("reservations") ResourceReservation reservations) implements GoZero.Struct {
}
