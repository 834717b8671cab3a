package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One published port in the long syntax; short specs are expanded to mode ingress and protocol tcp/udp/sctp.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record PortConfig(
        @JsonProperty("mode") String mode,
        @JsonProperty("target") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long target,
        @JsonProperty("published") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long published,
        @JsonProperty("protocol") String protocol) implements GoZero.Struct {
}
