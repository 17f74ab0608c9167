package io.confman.web.api;

import io.confman.codec.command.Preconditions;
import io.confman.raft.ApplyResult;
import io.confman.web.problem.ApiException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The seam for JSON values too large to travel inline through the Raft log: {@code PUT
 * .../config/{key}} hands every value of at least {@code blob.inlineThresholdBytes} bytes (UTF-8)
 * to this writer instead of proposing a {@code SetConfig}.
 *
 * <p>An implementation stores the bytes in the blob store, waits until a quorum of nodes holds a
 * durable copy, then proposes {@code SetConfigBlobRef} (keeping {@code type} and {@code
 * preconditions}) and completes with that command's result, exactly as the store's {@code submit}
 * would. It is called on the request's (virtual) thread and may block; failures complete the
 * future exceptionally with the store's {@code RaftUnavailableException}s or throw an {@link
 * ApiException}. The implementation is {@code io.confman.web.blob.BlobLargeValueWriter}.
 */
@FunctionalInterface
public interface LargeValueWriter {

    /** Stores {@code value} through the blob store; completes with the committed result. */
    CompletableFuture<ApplyResult> write(LargeValue value);

    /**
     * One large value to store.
     *
     * @param namespace     validated namespace
     * @param key           validated key
     * @param value         the full value from the JSON body (bounded by the JSON body limit)
     * @param sizeBytes     its UTF-8 length
     * @param type          the declared type (defaulted to {@code string})
     * @param actor         the API key's name
     * @param timestamp     ISO-8601 UTC instant taken by this node
     * @param preconditions from {@code If-Match} / {@code If-None-Match}
     */
    record LargeValue(String namespace, String key, String value, long sizeBytes, String type, String actor,
                      String timestamp, Preconditions preconditions) {
        public LargeValue {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(preconditions, "preconditions");
        }
    }
}
