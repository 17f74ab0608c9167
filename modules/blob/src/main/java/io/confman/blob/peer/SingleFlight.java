package io.confman.blob.peer;

import io.confman.blob.BlobId;
import io.confman.blob.PutResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Runs at most one fetch per blob at a time: the first caller does the work, callers arriving
 * meanwhile wait for it and get its result or its exception.
 */
final class SingleFlight {

    /** The work one flight does. */
    @FunctionalInterface
    interface Work {
        PutResult run() throws IOException;
    }

    private final ConcurrentHashMap<BlobId, CompletableFuture<PutResult>> flights = new ConcurrentHashMap<>();

    PutResult run(BlobId id, Work work) throws IOException {
        CompletableFuture<PutResult> mine = new CompletableFuture<>();
        CompletableFuture<PutResult> running = flights.putIfAbsent(id, mine);
        if (running != null) {
            return await(running);
        }
        try {
            PutResult result = work.run();
            mine.complete(result);
            return result;
        } catch (IOException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(id, mine);
        }
    }

    private static PutResult await(CompletableFuture<PutResult> running) throws IOException {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a blob fetch");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UncheckedIOException(new IOException(cause));
        }
    }
}
