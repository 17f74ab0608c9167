package io.confman.raft.node;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Mutual TLS for the Raft port: this node presents {@code certificate} (with {@code privateKey})
 * to every peer and client that connects and to every peer it connects to, and accepts only
 * peers whose certificate was issued by one of {@code authorities} (the cluster CA). The launcher
 * checks the files before it builds one (key matches certificate, dates, issuer).
 *
 * @param privateKey  this node's private key
 * @param certificate this node's certificate, issued by one of {@code authorities}
 * @param authorities the cluster CA certificates peers must be issued by
 */
public record RaftTls(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> authorities) {
    public RaftTls {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        authorities = List.copyOf(authorities);
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("at least one CA certificate is needed");
        }
    }
}
