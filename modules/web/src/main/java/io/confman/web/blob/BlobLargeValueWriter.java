package io.confman.web.blob;

import io.confman.codec.command.SetConfigBlobRef;
import io.confman.codec.model.BlobRef;
import io.confman.raft.ApplyResult;
import io.confman.raft.store.ReplicatedConfigStore;
import io.confman.web.NodeServices;
import io.confman.web.api.LargeValueWriter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The JSON API's large values through the blob path: a value at or over the inline threshold is
 * stored and replicated by {@link BlobWritePath}, then its pointer (keeping the declared type and
 * the preconditions) is proposed through Raft. The blob stays pinned until the proposal completes.
 *
 * <p>The value arrives as a string already bounded by the JSON body limit, so its UTF-8 bytes are
 * held once here; values larger than that go through the raw endpoint, which streams.
 */
public final class BlobLargeValueWriter implements LargeValueWriter {
    private final BlobWritePath writePath;
    private final ReplicatedConfigStore store;
    private final long maxSizeBytes;

    BlobLargeValueWriter(BlobWritePath writePath, ReplicatedConfigStore store, long maxSizeBytes) {
        this.writePath = writePath;
        this.store = store;
        this.maxSizeBytes = maxSizeBytes;
    }

    /** The writer for the node {@code services} describe. */
    public static BlobLargeValueWriter of(NodeServices services) {
        return new BlobLargeValueWriter(BlobWritePath.of(services), services.store(),
                services.blobSettings().maxSizeBytes());
    }

    @Override
    public CompletableFuture<ApplyResult> write(LargeValue value) {
        ReplicatedBlob blob = writePath.storeReplicatedForRequest(
                new ByteArrayInputStream(value.value().getBytes(StandardCharsets.UTF_8)), contentTypeOf(value.type()),
                maxSizeBytes, Optional.empty());
        BlobRef ref = blob.ref();
        CompletableFuture<ApplyResult> committed;
        try {
            committed = store.submit(new SetConfigBlobRef(value.namespace(), value.key(), ref.sha256(), ref.size(),
                    ref.contentType(), value.type(), value.actor(), value.timestamp(), value.preconditions()));
        } catch (RuntimeException e) {
            blob.close();
            throw e;
        }
        return committed.whenComplete((result, failure) -> blob.close());
    }

    /** The media type of a JSON API value of {@code type}, recorded in its pointer or answered inline. */
    static String contentTypeOf(String type) {
        return "json".equals(type) ? "application/json" : "text/plain; charset=utf-8";
    }
}
