package io.confman.blob;

/** The in-memory twin passes the same {@link BlobStoreContractTest} as the file store. */
class InMemoryBlobStoreTest extends BlobStoreContractTest {

    @Override
    BlobStore newStore() {
        return new InMemoryBlobStore();
    }
}
