package dev.shoal.stack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A service's reference to a secret or config ({@code source, target, uid, gid, mode}); defaults are applied at deploy, not here.
 */
@JsonInclude(value = JsonInclude.Include.NON_EMPTY, content = JsonInclude.Include.ALWAYS)
public record FileReference(
        @JsonProperty("source") String source,
        @JsonProperty("target") String target,
        @JsonProperty("uid") String uid,
        @JsonProperty("gid") String gid,
        @JsonProperty("mode") Long mode) implements GoZero.Struct {
}
