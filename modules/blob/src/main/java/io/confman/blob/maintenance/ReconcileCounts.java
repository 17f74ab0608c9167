package io.confman.blob.maintenance;

/**
 * Counters of the reconciler's current (or last) run: referenced blobs found missing at its start,
 * still missing now, fetched and failed so far, and bytes fetched.
 */
public record ReconcileCounts(long missingAtStart, long missingNow, long fetched, long failed, long bytesFetched) {

    static final ReconcileCounts NONE = new ReconcileCounts(0, 0, 0, 0, 0);
}
