package io.confman.web.http;

import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks the {@code X-Cluster-Token} of node-to-node requests in constant time: both sides are
 * hashed first, so neither the comparison nor its length leaks how much of a guess was right.
 */
public final class ClusterTokenCheck {
    public static final HeaderName HEADER = HeaderNames.create("X-Cluster-Token");

    private final byte[] expectedDigest;

    public ClusterTokenCheck(String clusterToken) {
        this.expectedDigest = sha256(clusterToken);
    }

    /** Throws a 401 problem unless {@code req} carries the cluster token. */
    public void require(ServerRequest req) {
        String presented = req.headers().first(HEADER).orElse(null);
        if (presented == null || !MessageDigest.isEqual(expectedDigest, sha256(presented))) {
            throw new ApiException(ProblemType.UNAUTHENTICATED,
                    "missing or wrong " + HEADER.defaultCase() + " for a node-to-node endpoint");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
