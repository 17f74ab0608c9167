package io.confman.web.blob;

import io.confman.raft.node.Member;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a caller may use the node-to-node {@code /internal} endpoints: it must present
 * the cluster token (compared in constant time) and connect from an address of one of the
 * configured members. Member hosts are resolved once, when the guard is built; the address check
 * is an exact match on resolved addresses, never a substring match.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClusterGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterGuard.class);

    /** The outcome of a check: allowed, or refused for a missing/wrong token or a foreign address. */
    public enum Verdict { ALLOWED, BAD_TOKEN, NOT_A_MEMBER }

    private final byte[] tokenDigest;
    private final Set<InetAddress> memberAddresses;

    ClusterGuard(String clusterToken, Set<InetAddress> memberAddresses) {
        // A blank token (single-node configuration) admits nobody.
        this.tokenDigest = clusterToken == null || clusterToken.isBlank() ? null : sha256(clusterToken);
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
                LOG.warn("Member {} host '{}' does not resolve; its internal blob calls will be refused",
                        member.id(), host);
            }
        }
        return new ClusterGuard(clusterToken, addresses);
    }

    /** Checks a caller presenting {@code token} (empty when it sent none) from {@code remote}. */
    public Verdict check(Optional<String> token, SocketAddress remote) {
        if (tokenDigest == null || token.isEmpty() || !MessageDigest.isEqual(tokenDigest, sha256(token.get()))) {
            return Verdict.BAD_TOKEN;
        }
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null
                || !memberAddresses.contains(inet.getAddress())) {
            return Verdict.NOT_A_MEMBER;
        }
        return Verdict.ALLOWED;
    }

    /** Hashing both sides first makes the comparison's time independent of the token length. */
    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
