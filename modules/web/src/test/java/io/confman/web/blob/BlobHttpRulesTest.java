package io.confman.web.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.blob.BlobId;
import io.confman.web.http.ClusterGuard;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pure rules of the blob endpoints, without a server: who passes the internal-endpoint guard,
 * how Range headers are read, and the digest and entity-tag header forms.
 */
class BlobHttpRulesTest {
    private static final String TOKEN = "secret-token";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void theGuardAdmitsOnlyTheRightTokenFromAMemberAddress() throws UnknownHostException {
        InetAddress member = InetAddress.getByName("127.0.0.1");
        ClusterGuard guard = new ClusterGuard(TOKEN, Set.of(member));
        var fromMember = new InetSocketAddress(member, 40000);
        var fromStranger = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 40000);
        assertEquals(ClusterGuard.Verdict.ALLOWED, guard.check(Optional.of(TOKEN), fromMember));
        assertEquals(ClusterGuard.Verdict.BAD_TOKEN, guard.check(Optional.empty(), fromMember));
        assertEquals(ClusterGuard.Verdict.BAD_TOKEN, guard.check(Optional.of(TOKEN + "x"), fromMember));
        assertEquals(ClusterGuard.Verdict.BAD_TOKEN, guard.check(Optional.of(""), fromMember));
        assertEquals(ClusterGuard.Verdict.NOT_A_MEMBER, guard.check(Optional.of(TOKEN), fromStranger));
    }

    @Test
    void aBlankClusterTokenAdmitsNobody() throws UnknownHostException {
        InetAddress member = InetAddress.getByName("127.0.0.1");
        ClusterGuard guard = new ClusterGuard("", Set.of(member));
        assertEquals(ClusterGuard.Verdict.BAD_TOKEN, guard.check(Optional.of(""), new InetSocketAddress(member, 1)));
    }

    @Test
    void memberAddressesMatchExactlyNotAsSubstrings() throws UnknownHostException {
        ClusterGuard guard = new ClusterGuard(TOKEN, Set.of(InetAddress.getByName("10.0.0.1")));
        assertEquals(ClusterGuard.Verdict.NOT_A_MEMBER,
                guard.check(Optional.of(TOKEN), new InetSocketAddress(InetAddress.getByName("10.0.0.11"), 1)));
    }

    @Test
    void singleRangesAreReadAsRfc9110SaysAndOthersIgnored() {
        assertEquals(Optional.of(new ByteRange(0, 100)), ByteRange.parse(Optional.of("bytes=0-99"), 1000));
        assertEquals(Optional.of(new ByteRange(900, 100)), ByteRange.parse(Optional.of("bytes=900-"), 1000));
        assertEquals(Optional.of(new ByteRange(950, 50)), ByteRange.parse(Optional.of("bytes=-50"), 1000));
        assertEquals(Optional.of(new ByteRange(0, 1000)), ByteRange.parse(Optional.of("bytes=-5000"), 1000));
        assertEquals(Optional.of(new ByteRange(990, 10)), ByteRange.parse(Optional.of("bytes=990-5000"), 1000));
        assertEquals(Optional.empty(), ByteRange.parse(Optional.of("bytes=0-1,5-6"), 1000), "several ranges");
        assertEquals(Optional.empty(), ByteRange.parse(Optional.of("bytes=9-1"), 1000), "reversed");
        assertEquals(Optional.empty(), ByteRange.parse(Optional.of("items=0-1"), 1000), "other unit");
        assertEquals(Optional.empty(), ByteRange.parse(Optional.of("bytes=x-1"), 1000), "not a number");
        assertEquals(Optional.empty(), ByteRange.parse(Optional.empty(), 1000));
        assertEquals("bytes 900-999/1000", new ByteRange(900, 100).contentRange(1000));
    }

    @Test
    void rangesOutsideTheValueAre416WithTheSize() {
        ApiException beyond = assertThrows(ApiException.class,
                () -> ByteRange.parse(Optional.of("bytes=1000-"), 1000));
        assertEquals(ProblemType.RANGE_NOT_SATISFIABLE, beyond.type());
        assertEquals(416, beyond.type().status().code());
        assertEquals("bytes */1000", beyond.headers().getFirst().get());
        assertThrows(ApiException.class, () -> ByteRange.parse(Optional.of("bytes=-0"), 1000));
        assertThrows(ApiException.class, () -> ByteRange.parse(Optional.of("bytes=0-"), 0), "empty value");
    }

    @Test
    void digestAndEntityTagForms() {
        assertEquals("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:", BlobHeaders.digestField(EMPTY_SHA256));
        assertEquals("\"sha256:" + EMPTY_SHA256 + "\"", BlobHeaders.etag(EMPTY_SHA256));
        assertEquals(Optional.of(BlobId.of(EMPTY_SHA256)), BlobHeaders.announcedSha256(
                Optional.of("sha-512=:AAAA:, sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:")));
        assertEquals(Optional.empty(), BlobHeaders.announcedSha256(Optional.of("sha-512=:AAAA:")));
        assertThrows(ApiException.class, () -> BlobHeaders.announcedSha256(Optional.of("sha-256=:AAAA:")));
        assertThrows(ApiException.class, () -> BlobHeaders.announcedSha256(Optional.of("sha-256=47DEQ")));
        assertTrue(BlobHeaders.noneMatchHits(Optional.of("\"a\", " + BlobHeaders.etag(EMPTY_SHA256)),
                BlobHeaders.etag(EMPTY_SHA256)));
        assertTrue(BlobHeaders.noneMatchHits(Optional.of("*"), "\"x\""));
        assertFalse(BlobHeaders.noneMatchHits(Optional.of("\"y\""), "\"x\""));
    }

    @Test
    void onlyTheStreamingBlobPathsBypassTheJsonBodyLimit() {
        assertTrue(BodyLimitFilter.isStreamingBlobPath("/internal/blobs/" + EMPTY_SHA256));
        assertTrue(BodyLimitFilter.isStreamingBlobPath("/api/v1/namespaces/ns/config/k/value"));
        assertFalse(BodyLimitFilter.isStreamingBlobPath("/api/v1/namespaces/ns/config/k"));
        assertFalse(BodyLimitFilter.isStreamingBlobPath("/internal/state"));
    }
}
