package io.confman.codec.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A namespace as stored in the replicated state.
 *
 * @param path        the namespace name, e.g. {@code prod} or {@code prod/payments}
 * @param description free text, or null
 * @param owner       who owns it; the state machine defaults it to the writing actor
 * @param createdAt   ISO-8601 UTC instant of creation, chosen by the proposing node and kept on update
 */
@JsonPropertyOrder({"path", "description", "owner", "createdAt"})
public record Namespace(String path, String description, String owner, String createdAt) {

    public Namespace {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
