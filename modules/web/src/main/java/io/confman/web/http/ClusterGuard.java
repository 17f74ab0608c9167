package io.confman.web.http;

import io.confman.blob.peer.HttpBlobPeerClient;
import io.confman.raft.node.Member;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.confman.web.support.Sha256;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a caller may use the node-to-node {@code /internal} endpoints ({@code
 * /internal/blobs}, {@code /internal/state}): it must present the cluster token in {@code
 * X-Cluster-Token} (compared in constant time) and connect from an address of one of the
 * configured members. Member hosts are resolved once, when the guard is built; the address check
 * is an exact match on resolved addresses, never a substring match. A blank configured token
 * admits nobody.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClusterGuard {
    /** The header carrying the cluster token; the blob peer client sends the same one. */
    public static final HeaderName HEADER = HeaderNames.create(HttpBlobPeerClient.CLUSTER_TOKEN_HEADER);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterGuard.class);

    /** The outcome of a check: allowed, or refused for a missing/wrong token or a foreign address. */
    public enum Verdict { ALLOWED, BAD_TOKEN, NOT_A_MEMBER }

    private final byte[] tokenDigest;
    private final Set<InetAddress> memberAddresses;

    /** A guard admitting {@code clusterToken} from {@code memberAddresses}, already resolved. */
    public ClusterGuard(String clusterToken, Set<InetAddress> memberAddresses) {
        // A blank token (single-node configuration) admits nobody.
        this.tokenDigest = clusterToken == null || clusterToken.isBlank() ? null : Sha256.of(clusterToken);
        this.memberAddresses = Set.copyOf(memberAddresses);
    }

    /** A guard for {@code members}, resolving each member's HTTP host now. */
    public static ClusterGuard forMembers(String clusterToken, Collection<Member> members) {
        Set<InetAddress> addresses = new HashSet<>();
        for (Member member : members) {
            String host = member.httpUrl().getHost();
            try {
                addresses.addAll(Set.of(InetAddress.getAllByName(host)));
            } catch (UnknownHostException e) {
                LOG.warn("Member {} host '{}' does not resolve; its internal calls will be refused",
                        member.id(), host);
            }
        }
        return new ClusterGuard(clusterToken, addresses);
    }

    /**
     * Throws unless {@code req} may use an internal endpoint: 401 for a missing or wrong token,
     * 403 for a caller that is not a member.
     */
    public void require(ServerRequest req) {
        switch (check(req.headers().first(HEADER), req.remotePeer().address())) {
            case BAD_TOKEN -> throw new ApiException(ProblemType.UNAUTHENTICATED,
                    "internal endpoints need the cluster token in " + HEADER.defaultCase());
            case NOT_A_MEMBER -> throw new ApiException(ProblemType.FORBIDDEN,
                    "caller address is not a cluster member");
            case ALLOWED -> {
                // admitted
            }
        }
    }

    /** Checks a caller presenting {@code token} (empty when it sent none) from {@code remote}. */
    public Verdict check(Optional<String> token, SocketAddress remote) {
        if (tokenDigest == null || token.isEmpty() || !MessageDigest.isEqual(tokenDigest, Sha256.of(token.get()))) {
            return Verdict.BAD_TOKEN;
        }
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null
                || !memberAddresses.contains(inet.getAddress())) {
            return Verdict.NOT_A_MEMBER;
        }
        return Verdict.ALLOWED;
    }
}
